using Npgsql;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>
/// The warehouse's load log, <c>ingest.source_loads</c>: the loader appends a row when the operational data up to
/// <c>loaded_through</c> has landed. It is what the job's sensor waits for: a run may build once the sources are loaded
/// through the end of its data interval.
/// </summary>
public static class SourceLoads
{
    public const string Source = "retail_ops";

    public static async Task EnsureAsync(string warehouse, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(warehouse);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            create schema if not exists ingest;
            create table if not exists ingest.source_loads (
                source text not null, loaded_through timestamptz not null, loaded_at timestamptz not null default now(), row_count bigint not null)
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records that the sources are loaded through <paramref name="loadedThrough"/>.</summary>
    public static async Task RecordAsync(string warehouse, DateTimeOffset loadedThrough, long rows, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(warehouse);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("insert into ingest.source_loads (source, loaded_through, row_count) values ($1, $2, $3)", connection);
        command.Parameters.Add(new() { Value = Source });
        command.Parameters.Add(new() { Value = loadedThrough });
        command.Parameters.Add(new() { Value = rows });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The sensor's query (templated by the orchestrator): true once a load reaches the end of the run's interval.</summary>
    public static string FreshnessSql(DbtJobBug bug)
    {
        var bound = bug == DbtJobBug.SensorAcceptsStaleData ? "{{ data_interval_start }}" : "{{ data_interval_end }}";
        return $"select exists (select 1 from ingest.source_loads where source = '{Source}' and loaded_through >= '{bound}')";
    }
}
