using NpgsqlTypes;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>The two aggregated marts, computed from the in-memory fact table: store × day, and department × customer segment.</summary>
public static class Aggregates
{
    // Column positions in fct_sales (MartTransform.FactSales).
    private const int CustomerKey = 3, ProductKey = 4, StoreKey = 5, DateKey = 6, Quantity = 8, RevenueCents = 10;

    /// <summary>fct_daily_store_sales: lines, units (sum of an integer: bigint) and revenue cents (sum of a bigint: numeric) per store and day.</summary>
    public static MartTable DailyStoreSales(MartTable sales)
    {
        ArgumentNullException.ThrowIfNull(sales);
        var rows = new List<object?[]>();
        #region Exercise 1.2-4b: group by, as SQL's sum() types its results (tests: AggregateTests, EtlEltTests, ExperimentTests)
        var groups = new Dictionary<(string Store, int Date), (long Lines, long Units, decimal Revenue)>();
        foreach (var row in sales.Rows)
        {
            var key = ((string)row[StoreKey]!, (int)row[DateKey]!);
            var g = groups.GetValueOrDefault(key);
            groups[key] = (g.Lines + 1, g.Units + (int)row[Quantity]!, g.Revenue + (long)row[RevenueCents]!);
        }
        rows.AddRange(groups.Select(g => new object?[] { g.Key.Store, g.Key.Date, g.Value.Lines, g.Value.Units, g.Value.Revenue }));
        #endregion
        return new MartTable("fct_daily_store_sales",
            [new("store_key", "text", NpgsqlDbType.Text), new("date_key", "integer", NpgsqlDbType.Integer), new("line_count", "bigint", NpgsqlDbType.Bigint),
             new("units", "bigint", NpgsqlDbType.Bigint), new("revenue_cents", "numeric", NpgsqlDbType.Numeric)],
            rows);
    }

    /// <summary>revenue_by_department_segment: the fact joined to both dimensions, one revenue column per segment (the dbt <c>pivot</c> macro).</summary>
    public static MartTable RevenueByDepartmentSegment(MartTable sales, MartTable customers, MartTable products, MartParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(sales);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(parameters);
        var segmentOf = customers.Rows.ToDictionary(r => (string)r[0]!, r => (string)r[4]!, StringComparer.Ordinal);
        var departmentOf = products.Rows.ToDictionary(r => (string)r[0]!, r => (string)r[5]!, StringComparer.Ordinal);
        var bySegment = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        foreach (var row in sales.Rows)
        {
            // Inner joins: a sale whose customer or product is not in its dimension is dropped.
            if (!segmentOf.TryGetValue((string)row[CustomerKey]!, out var segment) || !departmentOf.TryGetValue((string)row[ProductKey]!, out var department)) continue;
            if (!bySegment.TryGetValue(department, out var sums)) bySegment[department] = sums = new decimal[parameters.Segments.Count + 1];
            var cents = (long)row[RevenueCents]!;
            for (var s = 0; s < parameters.Segments.Count; s++)
                if (parameters.Segments[s] == segment) sums[s] += cents;
            sums[^1] += cents;
        }
        return new MartTable("revenue_by_department_segment",
            [new("department", "text", NpgsqlDbType.Text),
             .. parameters.Segments.Select(s => new MartColumn($"revenue_cents_{s}", "numeric", NpgsqlDbType.Numeric)),
             new("revenue", "numeric", NpgsqlDbType.Numeric)],
            bySegment.Select(d => new object?[] { d.Key }
                .Concat(d.Value[..^1].Cast<object?>())
                .Append(Math.Round(d.Value[^1] / 100m, 2, MidpointRounding.AwayFromZero)).ToArray()).ToList());
    }
}
