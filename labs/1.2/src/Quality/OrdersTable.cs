using Microsoft.Data.Analysis;
using Npgsql;
using NpgsqlTypes;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>Writes an orders DataFrame into a PostgreSQL table (dropped and re-created) with one binary COPY.</summary>
public static class OrdersTable
{
    public static async Task LoadAsync(NpgsqlConnection connection, string table, DataFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(frame);
        var t = SqlExpectationCompiler.Relation(table);
        var schema = table.Contains('.', StringComparison.Ordinal) ? $"CREATE SCHEMA IF NOT EXISTS {SqlExpectationCompiler.Ident(table.Split('.')[0])}; " : "";
        await using (var create = new NpgsqlCommand(
            $"{schema}DROP TABLE IF EXISTS {t}; CREATE TABLE {t} (row_id bigint NOT NULL, order_id bigint, customer_id bigint, coupon_code text, status text, " +
            "email text, amount double precision, ordered_at timestamptz, shipped_at timestamptz)", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var types = new[]
        {
            NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Double, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz,
        };
        var columns = new[] { "row_id", "order_id", "customer_id", "coupon_code", "status", "email", "amount", "ordered_at", "shipped_at" }
            .Select(n => frame.Columns[n]).ToArray();
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY {t} (row_id, order_id, customer_id, coupon_code, status, email, amount, ordered_at, shipped_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (long i = 0; i < frame.Rows.Count; i++)
            {
                await writer.StartRowAsync(cancellationToken);
                for (var c = 0; c < columns.Length; c++)
                {
                    var value = columns[c][i];
                    if (value is null) await writer.WriteNullAsync(cancellationToken);
                    else if (value is DateTime dt) await writer.WriteAsync(DateTime.SpecifyKind(dt, DateTimeKind.Utc), types[c], cancellationToken);
                    else await writer.WriteAsync(value, types[c], cancellationToken);
                }
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using var analyze = new NpgsqlCommand($"ANALYZE {t}", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }
}
