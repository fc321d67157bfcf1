using Npgsql;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>The "L" of ETL: each mart built in memory goes into the warehouse as a new table, by binary COPY, in one transaction.</summary>
public static class EtlLoader
{
    public static async Task<long> LoadAsync(string connectionString, string schema, IReadOnlyList<MartTable> marts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marts);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var ddl = new NpgsqlCommand($"drop schema if exists \"{schema}\" cascade; create schema \"{schema}\"; "
                                                 + string.Join("; ", marts.Select(m => m.CreateSql(schema))), connection, tx))
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        long rows = 0;
        foreach (var mart in marts)
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                $"copy \"{schema}\".\"{mart.Name}\" from stdin (format binary)", cancellationToken);
            foreach (var row in mart.Rows)
            {
                await importer.StartRowAsync(cancellationToken);
                for (var c = 0; c < row.Length; c++)
                {
                    if (row[c] is null) await importer.WriteNullAsync(cancellationToken);
                    else await importer.WriteAsync(row[c], mart.Columns[c].CopyType, cancellationToken);
                }
            }
            rows += (long)await importer.CompleteAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return rows;
    }
}
