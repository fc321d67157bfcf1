using Npgsql;

namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>Runs SQL on PostgreSQL (templated); returns the first column of the first row when there is one, else the
/// number of rows affected.</summary>
public sealed class SqlOperator(string connectionString, string sql) : IOperator
{
    public string Kind => "sql";
    public string Sql { get; } = sql;

    public async Task<object?> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var rendered = context.Render(Sql);
        context.Log.Info("sql", new() { ["sql"] = rendered });
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(rendered, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        object? first = null;
        if (reader.FieldCount > 0 && await reader.ReadAsync(cancellationToken)) first = reader.IsDBNull(0) ? null : reader.GetValue(0);
        while (await reader.ReadAsync(cancellationToken)) { }
        await reader.CloseAsync();
        return first ?? reader.RecordsAffected;
    }
}
