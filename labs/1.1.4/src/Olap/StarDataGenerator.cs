namespace StatelessMind.Labs.Storage.Olap;

/// <summary>Deterministic rows for the star schema: the same seed gives the same data to both engines.</summary>
public sealed class StarDataGenerator(int facts, int seed)
{
    private static readonly string[] Segments = ["consumer", "corporate", "home office", "small business"];
    private static readonly string[] Regions = ["north", "south", "east", "west", "central"];
    private static readonly string[] Categories = ["books", "garden", "toys", "kitchen", "music", "sports", "office", "tools", "beauty", "games", "health", "auto"];

    public int Facts { get; } = facts;
    public int Customers => Math.Max(100, Facts / 50);
    public int Products => 5_000;
    public int Stores => 200;

    /// <summary>Days of 2022–2024 as yyyymmdd keys.</summary>
    public IEnumerable<(int DateKey, int Year, int Quarter, int Month, int DayOfWeek)> Dates()
    {
        for (var d = new DateOnly(2022, 1, 1); d.Year <= 2024; d = d.AddDays(1))
            yield return (d.Year * 10000 + d.Month * 100 + d.Day, d.Year, (d.Month - 1) / 3 + 1, d.Month, (int)d.DayOfWeek);
    }

    public IEnumerable<(int Id, string Name, string Segment, string Region)> CustomerRows()
    {
        for (var i = 1; i <= Customers; i++) yield return (i, $"customer {i}", Segments[i % Segments.Length], Regions[(i / 7) % Regions.Length]);
    }

    public IEnumerable<(int Id, string Category, string Brand, int PriceCents)> ProductRows()
    {
        var random = new Random(seed + 1);
        for (var i = 1; i <= Products; i++) yield return (i, Categories[random.Next(Categories.Length)], $"brand {random.Next(300)}", 199 + random.Next(50_000));
    }

    public IEnumerable<(int Id, string City, string Region)> StoreRows()
    {
        for (var i = 1; i <= Stores; i++) yield return (i, $"city {i % 60}", Regions[i % Regions.Length]);
    }

    public IEnumerable<(long SaleId, int DateKey, int CustomerId, int ProductId, int StoreId, int Quantity, long AmountCents)> FactRows()
    {
        var random = new Random(seed);
        var dates = Dates().Select(d => d.DateKey).ToArray();
        var prices = ProductRows().Select(p => p.PriceCents).ToArray();
        for (long i = 1; i <= Facts; i++)
        {
            var product = 1 + random.Next(Products);
            var quantity = 1 + random.Next(5);
            yield return (i, dates[random.Next(dates.Length)], 1 + random.Next(Customers), product, 1 + random.Next(Stores), quantity, (long)quantity * prices[product - 1]);
        }
    }
}
