using Npgsql;
using NpgsqlTypes;

namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>
/// The two ways of putting rows into PostgreSQL that the experiment compares side by side: binary COPY
/// (one streamed command, rows in PostgreSQL's binary format) and row-by-row INSERT (one prepared
/// statement, one round trip per row, all in one transaction: the fair form of the baseline).
/// </summary>
public static class LoadMethods
{
    private const string Columns = "event_id, customer_id, event_time, product, quantity, unit_price, currency, country, source_file, source_line";

    public static async Task CreateTargetAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var cmd = new NpgsqlCommand($"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} (LIKE sales_events INCLUDING ALL)", connection);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<List<SaleRow>> ReadAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM sales_events ORDER BY event_id LIMIT @n", connection);
        cmd.Parameters.AddWithValue("n", limit);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SaleRow>(limit);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new SaleRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetDateTime(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetDecimal(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetInt64(9)));
        return rows;
    }

    public static async Task<ulong> CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<SaleRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var r in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(r.EventId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(r.CustomerId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(r.EventTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(r.Product, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.Quantity, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(r.UnitPrice, NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync(r.Currency, NpgsqlDbType.Char, cancellationToken);
            await copy.WriteAsync(r.Country, NpgsqlDbType.Char, cancellationToken);
            await copy.WriteAsync(r.SourceFile, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.SourceLine, NpgsqlDbType.Bigint, cancellationToken);
        }
        return await copy.CompleteAsync(cancellationToken);
    }

    public static async Task<long> InsertRowByRowAsync(NpgsqlConnection connection, string table, IReadOnlyList<SaleRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"INSERT INTO {table} ({Columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)", connection, tx);
        var p = new[]
        {
            cmd.Parameters.Add("p0", NpgsqlDbType.Bigint), cmd.Parameters.Add("p1", NpgsqlDbType.Bigint), cmd.Parameters.Add("p2", NpgsqlDbType.TimestampTz),
            cmd.Parameters.Add("p3", NpgsqlDbType.Text), cmd.Parameters.Add("p4", NpgsqlDbType.Integer), cmd.Parameters.Add("p5", NpgsqlDbType.Numeric),
            cmd.Parameters.Add("p6", NpgsqlDbType.Char), cmd.Parameters.Add("p7", NpgsqlDbType.Char), cmd.Parameters.Add("p8", NpgsqlDbType.Text),
            cmd.Parameters.Add("p9", NpgsqlDbType.Bigint),
        };
        await cmd.PrepareAsync(cancellationToken);
        long inserted = 0;
        foreach (var r in rows)
        {
            p[0].Value = r.EventId; p[1].Value = r.CustomerId; p[2].Value = r.EventTime; p[3].Value = r.Product; p[4].Value = r.Quantity;
            p[5].Value = r.UnitPrice; p[6].Value = r.Currency; p[7].Value = r.Country; p[8].Value = r.SourceFile; p[9].Value = r.SourceLine;
            inserted += await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return inserted;
    }
}
