namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>
/// The record of the format comparison: nested (customer, address), with strings, integers, doubles,
/// arrays (items, tags) and optional fields (shipping address, coupon, discount). Equality compares the
/// lists element by element, so a round trip can be checked with <c>==</c>.
/// </summary>
public sealed record Order(
    long OrderId,
    long CreatedAtUnixMs,
    OrderCustomer Customer,
    IReadOnlyList<LineItem> Items,
    IReadOnlyList<string> Tags,
    string? CouponCode,
    double? Discount,
    string Currency,
    string Status)
{
    public bool Equals(Order? other) =>
        other is not null &&
        OrderId == other.OrderId && CreatedAtUnixMs == other.CreatedAtUnixMs && Customer == other.Customer &&
        Items.SequenceEqual(other.Items) && Tags.SequenceEqual(other.Tags) &&
        CouponCode == other.CouponCode && Nullable.Equals(Discount, other.Discount) &&
        Currency == other.Currency && Status == other.Status;

    public override int GetHashCode() => HashCode.Combine(OrderId, CreatedAtUnixMs, Customer, Items.Count, Tags.Count, CouponCode, Currency, Status);
}
