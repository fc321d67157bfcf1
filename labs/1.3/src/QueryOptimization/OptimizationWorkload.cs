namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>
/// The parameters of the four queries, chosen from the loaded data: a customer who has an order to themself (so
/// UNION ALL would double count), an hour in the middle of the span, and a deep page whose boundary falls inside a
/// run of equal timestamps (so a keyset on placed_at alone would skip rows).
/// </summary>
public sealed record OptimizationWorkload(int Customer, DateTime Hour, long Offset, int PageSize, DateTime AfterPlacedAt, long AfterId)
{
    public IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object>
    {
        ["customer"] = Customer, ["hour"] = Hour, ["offset"] = Offset, ["page"] = PageSize, ["after_placed_at"] = AfterPlacedAt, ["after_id"] = AfterId,
    };
}
