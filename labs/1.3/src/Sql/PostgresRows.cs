using Npgsql;

namespace StatelessMind.Labs.Programming.Sql;

/// <summary>Reads a query's whole result into a <see cref="ResultSet"/> (canonical cells, in the order the server returned).</summary>
public static class PostgresRows
{
    public static async Task<ResultSet> ReadAsync(NpgsqlConnection connection, string sql, IReadOnlyDictionary<string, object>? parameters = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters ?? new Dictionary<string, object>()) cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<IReadOnlyList<string?>>();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
            rows.Add(values.Select(ResultSet.Cell).ToList());
        }
        return new ResultSet(columns, rows);
    }
}
