using Npgsql;

namespace StatelessMind.Harness.Services;

/// <summary>
/// "A PostgreSQL to work on": the server named by <c>SM_POSTGRES</c> (a connection string) when set,
/// else an embedded throwaway <see cref="PostgresCluster"/>. Labs that need several servers or
/// process control (replication, crashes) use <see cref="PostgresCluster"/> directly.
/// Each caller takes its own fresh database with <see cref="CreateDatabaseAsync"/>, so tests never share state.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string OverrideVariable = "SM_POSTGRES";
    private readonly List<string> _createdDatabases = [];
    private readonly Lock _gate = new();

    private PostgresServer(string connectionString, PostgresCluster? cluster)
    {
        ConnectionString = connectionString;
        EmbeddedCluster = cluster;
    }

    /// <summary>Connection string of the server's maintenance database.</summary>
    public string ConnectionString { get; }

    /// <summary>The embedded cluster, or null when <c>SM_POSTGRES</c> points at an external server.</summary>
    public PostgresCluster? EmbeddedCluster { get; }

    public bool IsExternal => EmbeddedCluster is null;

    public string Description => EmbeddedCluster is { } c ? $"embedded PostgreSQL {c.Binaries.MajorVersion} at 127.0.0.1:{c.Port}" : $"external PostgreSQL ({OverrideVariable})";

    public static async Task<PostgresServer> AcquireAsync(PostgresClusterOptions? embeddedOptions = null, CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } external)
        {
            try
            {
                await using var conn = new NpgsqlConnection(external);
                await conn.OpenAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or ArgumentException)
            {
                throw new ServiceUnavailableException($"{OverrideVariable} is set but its server cannot be reached: {e.Message}. " +
                                                      $"Start it (make up) or unset {OverrideVariable} to use an embedded cluster.", e);
            }
            return new PostgresServer(external, null);
        }
        var cluster = await PostgresCluster.StartAsync(embeddedOptions ?? new PostgresClusterOptions { Name = "shared" }, cancellationToken);
        return new PostgresServer(cluster.ConnectionString, cluster);
    }

    /// <summary>Creates a fresh, uniquely named database and returns its connection string. Dropped on dispose.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "lab", CancellationToken cancellationToken = default)
    {
        var safe = new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        var name = $"{safe}_{Guid.NewGuid():N}"[..Math.Min(safe.Length + 13, 63)];
        await using (var conn = new NpgsqlConnection(ConnectionString))
        {
            await conn.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        lock (_gate) _createdDatabases.Add(name);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (EmbeddedCluster is { } cluster)
        {
            await cluster.DisposeAsync();
            return;
        }
        // External server: leave it as we found it.
        NpgsqlConnection.ClearAllPools();
        string[] names;
        lock (_gate) names = [.. _createdDatabases];
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        foreach (var name in names)
        {
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
