namespace StatelessMind.Labs.Relational.Crud;

/// <summary>A stored order with its lines (tables <c>purchase_order</c>, <c>order_line</c>).</summary>
public sealed record Order(long Id, long CustomerId, DateTimeOffset PlacedAt, IReadOnlyList<OrderLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Quantity * l.UnitPrice);
}
