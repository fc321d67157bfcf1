using Npgsql;
using NpgsqlTypes;

namespace StatelessMind.Labs.Storage.Olap;

/// <summary>The star schema in PostgreSQL (a row store): loaded with binary COPY, primary keys as B-trees,
/// one connection with prepared statements for the OLTP mix. Commits are durable (synchronous_commit on).</summary>
public sealed class PostgresWarehouse(string connectionString) : IWarehouseEngine
{
    private NpgsqlConnection? _conn;
    private NpgsqlCommand? _pointRead, _update, _price, _insert;

    public string Name => "PostgreSQL";

    private NpgsqlConnection Conn => _conn ?? throw new InvalidOperationException("Load the data first.");

    public async Task LoadAsync(StarDataGenerator data, CancellationToken cancellationToken)
    {
        _conn = new NpgsqlConnection(connectionString);
        await _conn.OpenAsync(cancellationToken);
        foreach (var ddl in StarSchema.CreateTables) await ExecAsync(ddl, cancellationToken);
        await CopyRowsAsync(data, cancellationToken);
        await ExecAsync("VACUUM (ANALYZE)", cancellationToken);
        _pointRead = await PrepareAsync(StarSchema.PointRead, NpgsqlDbType.Bigint);
        _update = await PrepareAsync(StarSchema.UpdateSale, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint);
        _price = await PrepareAsync(StarSchema.ProductPrice, NpgsqlDbType.Integer);
        _insert = await PrepareAsync(StarSchema.InsertSale, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
            NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Bigint);
    }

    /// <summary>Binary COPY of every table's rows.</summary>
    private async Task CopyRowsAsync(StarDataGenerator data, CancellationToken cancellationToken)
    {
        #region Exercise 1.1.4-3a: load the same rows into the row store with binary COPY (tests: OltpVsOlapTests.PostgresLoadHoldsEveryGeneratedRow, OltpVsOlapTests.DuckDbLoadHoldsEveryGeneratedRow, OltpVsOlapTests.BothEnginesReturnIdenticalResultsForTheSameWorkload, OltpVsOlapTests.AtSmallScaleBothEnginesGiveTheSameResultsAndEveryWinnerIsReported)
        await using (var w = await Conn.BeginBinaryImportAsync("COPY dim_date FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var d in data.Dates()) await w.WriteRowAsync(cancellationToken, d.DateKey, d.Year, d.Quarter, d.Month, d.DayOfWeek);
            await w.CompleteAsync(cancellationToken);
        }
        await using (var w = await Conn.BeginBinaryImportAsync("COPY dim_customer FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var c in data.CustomerRows()) await w.WriteRowAsync(cancellationToken, c.Id, c.Name, c.Segment, c.Region);
            await w.CompleteAsync(cancellationToken);
        }
        await using (var w = await Conn.BeginBinaryImportAsync("COPY dim_product FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var p in data.ProductRows()) await w.WriteRowAsync(cancellationToken, p.Id, p.Category, p.Brand, p.PriceCents);
            await w.CompleteAsync(cancellationToken);
        }
        await using (var w = await Conn.BeginBinaryImportAsync("COPY dim_store FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var s in data.StoreRows()) await w.WriteRowAsync(cancellationToken, s.Id, s.City, s.Region);
            await w.CompleteAsync(cancellationToken);
        }
        await using (var w = await Conn.BeginBinaryImportAsync("COPY fact_sales FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var f in data.FactRows())
            {
                await w.StartRowAsync(cancellationToken);
                await w.WriteAsync(f.SaleId, NpgsqlDbType.Bigint, cancellationToken);
                await w.WriteAsync(f.DateKey, NpgsqlDbType.Integer, cancellationToken);
                await w.WriteAsync(f.CustomerId, NpgsqlDbType.Integer, cancellationToken);
                await w.WriteAsync(f.ProductId, NpgsqlDbType.Integer, cancellationToken);
                await w.WriteAsync(f.StoreId, NpgsqlDbType.Integer, cancellationToken);
                await w.WriteAsync(f.Quantity, NpgsqlDbType.Integer, cancellationToken);
                await w.WriteAsync(f.AmountCents, NpgsqlDbType.Bigint, cancellationToken);
            }
            await w.CompleteAsync(cancellationToken);
        }
        #endregion
    }

    private async Task<NpgsqlCommand> PrepareAsync(string sql, params NpgsqlDbType[] types)
    {
        var cmd = new NpgsqlCommand(sql, Conn);
        foreach (var t in types) cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = t });
        await cmd.PrepareAsync();
        return cmd;
    }

    public async Task<string> PointReadAsync(long saleId, CancellationToken cancellationToken)
    {
        _pointRead!.Parameters[0].Value = saleId;
        await using var reader = await _pointRead.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RowText.Of(reader) : "";
    }

    public async Task UpdateSaleAsync(long saleId, long deltaCents, CancellationToken cancellationToken)
    {
        _update!.Parameters[0].Value = saleId;
        _update.Parameters[1].Value = deltaCents;
        await _update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ShortTransactionAsync(long newSaleId, int dateKey, int customerId, int productId, int storeId, CancellationToken cancellationToken)
    {
        await using var tx = await Conn.BeginTransactionAsync(cancellationToken);
        _price!.Parameters[0].Value = productId;
        var price = Convert.ToInt64(await _price.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        object[] values = [newSaleId, dateKey, customerId, productId, storeId, 1, price];
        for (var i = 0; i < values.Length; i++) _insert!.Parameters[i].Value = values[i];
        await _insert!.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, Conn) { CommandTimeout = 600 };
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await RowText.ReadAllAsync(reader, cancellationToken);
    }

    private async Task ExecAsync(string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, Conn) { CommandTimeout = 1200 };
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in new[] { _pointRead, _update, _price, _insert }) if (c is not null) await c.DisposeAsync();
        if (_conn is not null) await _conn.DisposeAsync();
    }
}
