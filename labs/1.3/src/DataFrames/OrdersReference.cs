using System.Globalization;

namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// The cleaning and the analysis recomputed with plain LINQ over the CSV lines, sharing no code with
/// <see cref="OrderCleaner"/> or <see cref="OrderAnalysis"/>: the independent answer each step is checked against.
/// Works on the generated files (no quoted fields, so a split on commas reads them).
/// </summary>
public sealed record OrdersReference(
    int RowsIn,
    int Duplicates,
    int Unparsable,
    int UnknownCategories,
    int Outliers,
    int Respelled,
    int Imputed,
    int RowsOut,
    IReadOnlyDictionary<string, double> KnownPriceMeans,
    IReadOnlyDictionary<string, double> RevenueByRegion,
    IReadOnlyDictionary<string, int> OrdersByRegion,
    IReadOnlyDictionary<string, double> RevenueByCategory)
{
    public static OrdersReference Compute(string ordersCsv, string storesCsv)
    {
        ArgumentNullException.ThrowIfNull(ordersCsv);
        ArgumentNullException.ThrowIfNull(storesCsv);
        var lines = Lines(ordersCsv);
        var distinct = lines.Distinct(StringComparer.Ordinal).ToList();
        var rows = distinct.Select(l => l.Split(',')).Select(f => new
        {
            Id = ParseLong(f[0]),
            Store = ParseLong(f[1]),
            RawCategory = f[2],
            Quantity = int.TryParse(f[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q) ? q : (int?)null,
            Price = double.TryParse(f[4], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) && double.IsFinite(p) ? p : (double?)null,
        }).ToList();
        var usable = rows.Where(r => r.Id is not null && r.Store is not null && r.Quantity is not null).ToList();
        var named = usable.Select(r => new { r.Store, Category = Canonical(r.RawCategory), r.RawCategory, Quantity = r.Quantity!.Value, r.Price }).ToList();
        var known = named.Where(r => r.Category is not null).ToList();

        var sorted = known.Select(r => (double)r.Quantity).Order().ToList();
        double Q(double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Floor((sorted.Count - 1) * p)] + ((sorted.Count - 1) * p - Math.Floor((sorted.Count - 1) * p)) * (sorted[Math.Min((int)Math.Floor((sorted.Count - 1) * p) + 1, sorted.Count - 1)] - sorted[(int)Math.Floor((sorted.Count - 1) * p)]);
        var (q1, q3) = (Q(0.25), Q(0.75));
        var kept = known.Where(r => sorted.Count == 0 || (r.Quantity >= q1 - 3 * (q3 - q1) && r.Quantity <= q3 + 3 * (q3 - q1))).ToList();

        var means = kept.Where(r => r.Price is not null).GroupBy(r => r.Category!).ToDictionary(g => g.Key, g => g.Average(r => r.Price!.Value), StringComparer.Ordinal);
        var regions = Lines(storesCsv).Select(l => l.Split(',')).ToDictionary(f => long.Parse(f[0], CultureInfo.InvariantCulture), f => f[1].Trim().ToLowerInvariant());
        var final = kept.Select(r => new
        {
            r.Category,
            Region = regions.GetValueOrDefault(r.Store!.Value, OrdersSchema.NoStore),
            Revenue = r.Quantity * (r.Price ?? means[r.Category!]),
        }).ToList();

        return new OrdersReference(
            RowsIn: lines.Count,
            Duplicates: lines.Count - distinct.Count,
            Unparsable: rows.Count - usable.Count,
            UnknownCategories: named.Count - known.Count,
            Outliers: known.Count - kept.Count,
            Respelled: known.Count(r => r.Category != r.RawCategory),
            Imputed: kept.Count(r => r.Price is null),
            RowsOut: kept.Count,
            KnownPriceMeans: means,
            RevenueByRegion: final.GroupBy(r => r.Region).ToDictionary(g => g.Key, g => g.Sum(r => r.Revenue), StringComparer.Ordinal),
            OrdersByRegion: final.GroupBy(r => r.Region).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            RevenueByCategory: final.GroupBy(r => r.Category!).ToDictionary(g => g.Key, g => g.Sum(r => r.Revenue), StringComparer.Ordinal));
    }

    private static List<string> Lines(string csv) => csv.Split('\n').Skip(1).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

    private static long? ParseLong(string s) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string? Canonical(string raw)
    {
        var s = raw.Trim().ToLowerInvariant();
        return OrdersSchema.Categories.Contains(s) ? s : OrdersSchema.CategoryAliases.GetValueOrDefault(s);
    }
}
