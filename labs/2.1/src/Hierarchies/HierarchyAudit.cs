using System.Globalization;
using Npgsql;
using StatelessMind.Labs.DimensionalModeling.StarSchema;

namespace StatelessMind.Labs.DimensionalModeling.Hierarchies;

/// <summary>
/// Rolls measures up the two hierarchies with its own SQL — revenue per department through the snowflake, account
/// amounts per holder segment through the bridge, weighted and unweighted — and computes in C#, from the generated
/// rows alone, what each rollup must be.
/// </summary>
public static class HierarchyAudit
{
    /// <summary>SQL: (department_name, revenue) through fct_sales → dim_product_snowflaked → dim_category → dim_department.</summary>
    public static string SnowflakeRollupQuery(string marts)
    {
        #region Exercise 2.1-3a: roll revenue up the snowflaked hierarchy, one join per level (tests: HierarchyAuditTests)
        return $"""
            select d.department_name, sum(f.revenue_cents)::bigint
            from "{marts}".fct_sales as f
            join "{marts}".dim_product_snowflaked as p on p.product_key = f.product_key
            join "{marts}".dim_category as c on c.category_key = p.category_key
            join "{marts}".dim_department as d on d.department_key = c.department_key
            group by d.department_name
            """;
        #endregion
    }

    /// <summary>SQL: (segment, Σ amount × weighting factor) through bridge_account_holder: every cent counted once.</summary>
    public static string WeightedRollupQuery(string marts)
    {
        #region Exercise 2.1-3b: roll account amounts up to the holders' segments with the bridge's weights (tests: BridgeRollupTests, HierarchyAuditTests)
        return $"""
            select c.segment, sum(f.amount_cents * b.weighting_factor)
            from "{marts}".fct_account_transactions as f
            join "{marts}".bridge_account_holder as b on b.account_key = f.account_key
            join "{marts}".dim_customer as c on c.customer_key = b.customer_key
            group by c.segment
            """;
        #endregion
    }

    /// <summary>SQL: (segment, Σ amount) through the bridge without weights: an account's amount once per holder.</summary>
    public static string UnweightedRollupQuery(string marts)
    {
        #region Exercise 2.1-3c: the same rollup without weights — the "accounts this segment holds" view (tests: BridgeRollupTests, HierarchyAuditTests)
        return $"""
            select c.segment, sum(f.amount_cents)::numeric
            from "{marts}".fct_account_transactions as f
            join "{marts}".bridge_account_holder as b on b.account_key = f.account_key
            join "{marts}".dim_customer as c on c.customer_key = b.customer_key
            group by c.segment
            """;
        #endregion
    }

    public static async Task<HierarchyAuditReport> RunAsync(string connectionString, string marts, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return new HierarchyAuditReport(
            await ScalarAsync(connection, $"select count(*) from \"{marts}\".dim_department", cancellationToken),
            await ScalarAsync(connection, $"select count(*) from \"{marts}\".dim_category", cancellationToken),
            await PairsAsync(connection, SnowflakeRollupQuery(marts), r => r.GetInt64(1), cancellationToken),
            await PairsAsync(connection, $"select department, sum(f.revenue_cents)::bigint from \"{marts}\".fct_sales as f join \"{marts}\".dim_product as p on p.product_key = f.product_key group by department",
                r => r.GetInt64(1), cancellationToken),
            await ScalarAsync(connection, $"select count(*) from (select account_key from \"{marts}\".bridge_account_holder group by account_key having sum(weighting_factor) <> 1) as a", cancellationToken),
            await PairsAsync(connection, WeightedRollupQuery(marts), r => r.GetDecimal(1), cancellationToken),
            await PairsAsync(connection, UnweightedRollupQuery(marts), r => r.GetDecimal(1), cancellationToken),
            await PairsAsync(connection, $"select segment, weighted_amount_cents::numeric, unweighted_amount_cents::numeric from \"{marts}\".account_amount_by_segment",
                r => (r.GetDecimal(1), r.GetDecimal(2)), cancellationToken),
            await ScalarAsync(connection, $"select coalesce(sum(amount_cents), 0)::bigint from \"{marts}\".fct_account_transactions", cancellationToken));
    }

    /// <summary>Revenue per department from the generated order lines and products.</summary>
    public static IReadOnlyDictionary<string, long> ExpectedRevenueByDepartment(RetailOperationalData data)
    {
        var department = data.Products.ToDictionary(p => p.Id, p => p.Department);
        return data.Lines.GroupBy(l => department[l.ProductId]).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity * l.UnitPriceCents), StringComparer.Ordinal);
    }

    /// <summary>Account amounts per holder segment from the generated rows: weighted by each holder's share, or in full.</summary>
    public static IReadOnlyDictionary<string, decimal> ExpectedBySegment(RetailOperationalData data, bool weighted)
    {
        var segment = data.Customers.ToDictionary(c => c.Id, c => c.Segment);
        var holders = data.Holders.ToLookup(h => h.AccountId);
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var t in data.Transactions)
            foreach (var h in holders[t.AccountId])
            {
                var s = segment[h.CustomerId];
                totals[s] = totals.GetValueOrDefault(s) + t.AmountCents * (weighted ? h.Share : 1m);
            }
        return totals;
    }

    /// <summary>The amount an unweighted rollup adds beyond the fact's total: each transaction once more per extra holder.</summary>
    public static decimal ExpectedDoubleCounted(RetailOperationalData data)
    {
        var holders = data.Holders.GroupBy(h => h.AccountId).ToDictionary(g => g.Key, g => g.Count());
        return data.Transactions.Sum(t => (decimal)t.AmountCents * (holders[t.AccountId] - 1));
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<Dictionary<string, T>> PairsAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> value, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pairs = new Dictionary<string, T>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken)) pairs[reader.GetString(0)] = value(reader);
        return pairs;
    }
}
