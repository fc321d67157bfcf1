namespace StatelessMind.Labs.Lifecycle.Lake.Data;

/// <summary>
/// The generated dataset: sales spread uniformly over <c>days</c> consecutive days from 2025-01-01, customers uniform
/// over 1..5,000, one of 12 products, quantity uniform 1..9, unit price uniform 1.00..99.99. Same seed, same rows.
/// </summary>
public static class SalesDataset
{
    public static readonly DateOnly FirstDay = new(2025, 1, 1);
    private static readonly string[] Products =
        ["espresso", "latte", "cappuccino", "flat white", "mocha", "tea", "croissant", "bagel", "muffin", "scone", "juice", "water"];

    public static IReadOnlyList<SaleRecord> Generate(int count, int days, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var random = new Random(seed);
        var rows = new List<SaleRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var quantity = random.Next(1, 10);
            var unitCents = random.Next(100, 10_000);
            rows.Add(new SaleRecord(i + 1L, random.Next(1, 5_001), FirstDay.AddDays(random.Next(days)),
                Products[random.Next(Products.Length)], quantity, (long)quantity * unitCents));
        }
        return rows;
    }
}
