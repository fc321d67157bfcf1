using Npgsql;

namespace StatelessMind.Labs.Transformation.Project;

/// <summary>The output of profiles.yml a run uses: where the PostgreSQL is and the schema models go to.</summary>
public sealed record ProfileTarget(string Name, string Host, int Port, string User, string Password, string Database, string Schema)
{
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Host, Port = Port, Username = User, Password = Password, Database = Database,
    }.ConnectionString;

    /// <summary>The environment variables profiles.yml reads (<c>env_var('DBT_PG_HOST')</c> …) for a connection string.</summary>
    public static Dictionary<string, string> Environment(string connectionString, string schema)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DBT_PG_HOST"] = b.Host ?? "localhost", ["DBT_PG_PORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DBT_PG_USER"] = b.Username ?? "postgres", ["DBT_PG_PASSWORD"] = b.Password ?? "",
            ["DBT_PG_DATABASE"] = b.Database ?? "postgres", ["DBT_PG_SCHEMA"] = schema,
        };
    }
}
