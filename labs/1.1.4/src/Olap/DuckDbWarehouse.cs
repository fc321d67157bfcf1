using DuckDB.NET.Data;

namespace StatelessMind.Labs.Storage.Olap;

/// <summary>The star schema in DuckDB (an embedded column store, standing in for Snowflake, which has no local
/// form): a database file, loaded with the appender, primary keys as ART indexes, one in-process connection.</summary>
public sealed class DuckDbWarehouse(string databaseFile, int threads = 2) : IWarehouseEngine
{
    private DuckDBConnection? _conn;

    public string Name => "DuckDB";

    private DuckDBConnection Conn => _conn ?? throw new InvalidOperationException("Load the data first.");

    public async Task LoadAsync(StarDataGenerator data, CancellationToken cancellationToken)
    {
        _conn = new DuckDBConnection($"Data Source={databaseFile}");
        await _conn.OpenAsync(cancellationToken);
        await ExecAsync($"SET threads = {threads}", cancellationToken);
        foreach (var ddl in StarSchema.CreateTables) await ExecAsync(ddl, cancellationToken);
        AppendRows(data);
        await ExecAsync("CHECKPOINT", cancellationToken);
    }

    /// <summary>Appends every table's rows.</summary>
    private void AppendRows(StarDataGenerator data)
    {
        #region Exercise 1.1.4-3b: load the same rows into the column store with the appender (tests: OltpVsOlapTests.PostgresLoadHoldsEveryGeneratedRow, OltpVsOlapTests.DuckDbLoadHoldsEveryGeneratedRow, OltpVsOlapTests.BothEnginesReturnIdenticalResultsForTheSameWorkload, OltpVsOlapTests.AtSmallScaleBothEnginesGiveTheSameResultsAndEveryWinnerIsReported)
        using (var a = Conn.CreateAppender("dim_date"))
            foreach (var d in data.Dates()) a.CreateRow().AppendValue(d.DateKey).AppendValue(d.Year).AppendValue(d.Quarter).AppendValue(d.Month).AppendValue(d.DayOfWeek).EndRow();
        using (var a = Conn.CreateAppender("dim_customer"))
            foreach (var c in data.CustomerRows()) a.CreateRow().AppendValue(c.Id).AppendValue(c.Name).AppendValue(c.Segment).AppendValue(c.Region).EndRow();
        using (var a = Conn.CreateAppender("dim_product"))
            foreach (var p in data.ProductRows()) a.CreateRow().AppendValue(p.Id).AppendValue(p.Category).AppendValue(p.Brand).AppendValue(p.PriceCents).EndRow();
        using (var a = Conn.CreateAppender("dim_store"))
            foreach (var s in data.StoreRows()) a.CreateRow().AppendValue(s.Id).AppendValue(s.City).AppendValue(s.Region).EndRow();
        using (var a = Conn.CreateAppender("fact_sales"))
            foreach (var f in data.FactRows())
                a.CreateRow().AppendValue(f.SaleId).AppendValue(f.DateKey).AppendValue(f.CustomerId).AppendValue(f.ProductId)
                    .AppendValue(f.StoreId).AppendValue(f.Quantity).AppendValue(f.AmountCents).EndRow();
        #endregion
    }

    public async Task<string> PointReadAsync(long saleId, CancellationToken cancellationToken)
    {
        await using var cmd = Command(StarSchema.PointRead, saleId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RowText.Of(reader) : "";
    }

    public async Task UpdateSaleAsync(long saleId, long deltaCents, CancellationToken cancellationToken)
    {
        await using var cmd = Command(StarSchema.UpdateSale, saleId, deltaCents);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ShortTransactionAsync(long newSaleId, int dateKey, int customerId, int productId, int storeId, CancellationToken cancellationToken)
    {
        await using var tx = await Conn.BeginTransactionAsync(cancellationToken);
        long price;
        await using (var read = Command(StarSchema.ProductPrice, productId))
            price = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await using (var insert = Command(StarSchema.InsertSale, newSaleId, dateKey, customerId, productId, storeId, 1, price))
            await insert.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var cmd = Command(sql);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await RowText.ReadAllAsync(reader, cancellationToken);
    }

    private DuckDBCommand Command(string sql, params object[] positional)
    {
        var cmd = Conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var p in positional) cmd.Parameters.Add(new DuckDBParameter(p));
        return cmd;
    }

    private async Task ExecAsync(string sql, CancellationToken cancellationToken)
    {
        await using var cmd = Command(sql);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_conn is not null) await _conn.DisposeAsync();
    }
}
