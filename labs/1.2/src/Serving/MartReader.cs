using Npgsql;

namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>The serving layer's SQL over the marts: every value a client sends travels as a parameter, never as SQL text.</summary>
public sealed class MartReader(NpgsqlDataSource dataSource, string schema, ServingBug bug = ServingBug.None)
{
    private string Table(string name) => $"\"{schema}\".\"{name}\"";

    /// <summary>
    /// One page in (date_key, store_key) order, after the cursor: keyset pagination, one index range scan per page however deep
    /// — given the index <see cref="ServingIndexes"/> creates; without it every page scans and sorts all the rows the filter keeps.
    /// </summary>
    public async Task<DailySalesPage> DailySalesAsync(DailySalesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = DailySalesCommand(query);
        var rows = new List<DailySalesRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(new DailySalesRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDecimal(5)));
        if (rows.Count <= query.Limit) return new DailySalesPage(rows, null);
        rows.RemoveAt(rows.Count - 1);
        return new DailySalesPage(rows, new PageCursor(rows[^1].DateKey, rows[^1].StoreKey).Encode());
    }

    /// <summary>
    /// How PostgreSQL runs the very command <see cref="DailySalesAsync"/> sends for <paramref name="query"/>: the lines of
    /// <c>EXPLAIN (ANALYZE, COSTS OFF)</c>, to see whether a page is an index range scan or a scan and sort of the whole filter.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExplainDailySalesAsync(DailySalesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = DailySalesCommand(query);
        command.CommandText = "explain (analyze, costs off) " + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) lines.Add(reader.GetString(0));
        return lines;
    }

    private NpgsqlCommand DailySalesCommand(DailySalesQuery query)
    {
        var command = dataSource.CreateCommand();
        var where = new List<string>();
        #region Exercise 1.2-6b: filters and the keyset condition, as parameters (tests: ServingPaginationTests)
        if (query.Store is not null) { where.Add("f.store_key = @store"); command.Parameters.AddWithValue("store", query.Store); }
        if (query.FromDateKey is not null) { where.Add("f.date_key >= @from"); command.Parameters.AddWithValue("from", query.FromDateKey.Value); }
        if (query.ToDateKey is not null) { where.Add("f.date_key <= @to"); command.Parameters.AddWithValue("to", query.ToDateKey.Value); }
        if (query.MinRevenueCents is not null) { where.Add("f.revenue_cents >= @min"); command.Parameters.AddWithValue("min", (decimal)query.MinRevenueCents.Value); }
        if (query.After is { } after)
        {
            where.Add("(f.date_key, f.store_key) > (@after_date, @after_store)");
            command.Parameters.AddWithValue("after_date", after.DateKey);
            command.Parameters.AddWithValue("after_store", after.StoreKey);
        }
        #endregion
        if (bug == ServingBug.KeysetSkipsTies) where = where.Select(w => w.Contains("@after_store", StringComparison.Ordinal) ? "f.date_key > @after_date" : w).ToList();
        command.CommandText = $"""
            select f.store_key, s.store_name, f.date_key, f.line_count, f.units, f.revenue_cents
            from {Table("fct_daily_store_sales")} f left join {Table("dim_store")} s on s.store_key = f.store_key
            {(where.Count > 0 ? "where " + string.Join(" and ", where) : "")}
            order by f.date_key, f.store_key
            limit @limit
            """;
        command.Parameters.AddWithValue("limit", query.Limit + 1); // one more than asked tells whether a next page exists
        return command;
    }

    /// <summary>The stores, optionally of one region (by name).</summary>
    public async Task<IReadOnlyList<StoreRow>> StoresAsync(string? region, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        var sql = $"select store_key, store_id, store_name, city, region_name, country from {Table("dim_store")}";
        if (region is not null)
        {
            if (bug == ServingBug.ConcatenatedFilter) sql += $" where region_name = '{region}'";
            else
            {
                sql += " where region_name = @region";
                command.Parameters.AddWithValue("region", region);
            }
        }
        command.CommandText = sql + " order by store_id";
        var rows = new List<StoreRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new StoreRow(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        return rows;
    }

    /// <summary>Readiness: the database answers and the marts are there.</summary>
    public async Task<bool> ReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand($"select 1 from {Table("fct_daily_store_sales")} limit 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }
}
