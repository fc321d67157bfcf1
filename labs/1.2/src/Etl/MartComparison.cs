using Npgsql;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>Compares the ETL's marts with dbt's in the warehouse, inside PostgreSQL: <c>EXCEPT ALL</c> both ways, so order and duplicates count.</summary>
public static class MartComparison
{
    public static async Task<IReadOnlyList<TableComparison>> CompareAsync(
        string connectionString, string etlSchema, string eltSchema, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var results = new List<TableComparison>();
        foreach (var table in tables)
        {
            string etl = $"\"{etlSchema}\".\"{table}\"", elt = $"\"{eltSchema}\".\"{table}\"";
            await using var command = new NpgsqlCommand($"""
                select (select count(*) from {etl}), (select count(*) from {elt}),
                       (select count(*) from (select * from {etl} except all select * from {elt}) d),
                       (select count(*) from (select * from {elt} except all select * from {etl}) d)
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            results.Add(new TableComparison(table, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return results;
    }
}
