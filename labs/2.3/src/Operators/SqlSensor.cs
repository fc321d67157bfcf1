using Npgsql;

namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>Pokes PostgreSQL with a templated query (Airflow's <c>SqlSensor</c>): the condition holds when the first
/// column of the first row is truthy — not null, not false, not zero, not empty.</summary>
public sealed class SqlSensor(string connectionString, string sql, TimeSpan pokeInterval, TimeSpan timeout) : Sensor(pokeInterval, timeout)
{
    public string Sql { get; } = sql;

    public override string Kind => "sql_sensor";

    public override async Task<bool> PokeAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var rendered = context.Render(Sql);
        context.Log.Info("sql", new() { ["sql"] = rendered });
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(rendered, connection);
        return Truthy(await command.ExecuteScalarAsync(cancellationToken));
    }

    internal static bool Truthy(object? value) => value switch
    {
        null or DBNull => false,
        bool b => b,
        string s => s.Length > 0,
        IConvertible c when value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal =>
            c.ToDouble(System.Globalization.CultureInfo.InvariantCulture) != 0,
        _ => true,
    };
}
