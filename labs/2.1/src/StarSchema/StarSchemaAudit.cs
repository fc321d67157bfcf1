using Npgsql;

namespace StatelessMind.Labs.DimensionalModeling.StarSchema;

/// <summary>
/// Checks a built star schema against the three properties a fact table owes its readers: one row per grain,
/// a dimension row for every key, and measures that add up to what the operational data holds.
/// </summary>
public static class StarSchemaAudit
{
    /// <summary>The fact's dimensions: key column, dimension table.</summary>
    public static readonly IReadOnlyList<(string Key, string Dimension)> Dimensions =
        [("customer_key", "dim_customer"), ("product_key", "dim_product"), ("store_key", "dim_store"), ("date_key", "dim_date")];

    public static async Task<StarSchemaAuditReport> RunAsync(string connectionString, string martsSchema, RetailOperationalData data, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var fact = $"\"{martsSchema}\".fct_sales";
        var orphans = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, dimension) in Dimensions)
            orphans[dimension] = await ScalarAsync(connection, OrphanQuery(fact, key, $"\"{martsSchema}\".{dimension}"), cancellationToken);
        return new StarSchemaAuditReport(
            await ScalarAsync(connection, $"select count(*) from {fact}", cancellationToken), data.Lines.Count,
            await ScalarAsync(connection, DuplicateQuery(fact, ["order_id", "line_number"]), cancellationToken),
            await ScalarAsync(connection, DuplicateQuery(fact, ["sales_key"]), cancellationToken),
            orphans,
            await ScalarAsync(connection, $"select coalesce(sum(revenue_cents), 0)::bigint from {fact}", cancellationToken), data.TotalRevenueCents,
            await ScalarAsync(connection, $"select coalesce(sum(quantity), 0)::bigint from {fact}", cancellationToken), data.TotalUnits);
    }

    /// <summary>SQL counting the rows beyond the first of every group of equal <paramref name="grain"/> values.</summary>
    internal static string DuplicateQuery(string fact, IReadOnlyList<string> grain)
    {
        #region Exercise 2.1-1a: count the fact rows that break the declared grain (tests: StarSchemaAuditTests)
        var columns = string.Join(", ", grain);
        return $"select coalesce(sum(n - 1), 0)::bigint from (select count(*) as n from {fact} group by {columns}) as groups";
        #endregion
    }

    /// <summary>SQL counting fact rows whose <paramref name="key"/> finds no row in <paramref name="dimension"/>.</summary>
    internal static string OrphanQuery(string fact, string key, string dimension)
    {
        #region Exercise 2.1-1b: count fact rows whose key has no dimension row (tests: StarSchemaAuditTests)
        return $"select count(*) from {fact} as f where not exists (select 1 from {dimension} as d where d.{key} = f.{key})";
        #endregion
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
