using Npgsql;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>Small helpers for one-off statements on a cluster (no pooling: servers are killed and promoted under us).</summary>
internal static class PgSql
{
    public static string ConnectionString(PostgresCluster cluster, string? applicationName = null) =>
        new NpgsqlConnectionStringBuilder(cluster.ConnectionString)
        {
            Pooling = false,
            Timeout = 3,
            CommandTimeout = 30,
            ApplicationName = applicationName ?? "stateless-mind-admin",
        }.ConnectionString;

    /// <summary>Runs statements one after another on one connection (each on its own: ALTER SYSTEM refuses a transaction block).</summary>
    public static async Task ExecuteAsync(PostgresCluster cluster, string sql, CancellationToken ct, params string[] more)
    {
        await using var conn = new NpgsqlConnection(ConnectionString(cluster));
        await conn.OpenAsync(ct);
        foreach (var statement in more.Prepend(sql))
        {
            await using var cmd = new NpgsqlCommand(statement, conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task<T> ScalarAsync<T>(PostgresCluster cluster, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ConnectionString(cluster));
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is T t ? t : throw new InvalidOperationException($"'{sql}' on {cluster.Name} returned {value ?? "NULL"}, not a {typeof(T).Name}.");
    }

    /// <summary>Polls until <paramref name="condition"/> holds, or fails after <paramref name="timeout"/> saying what it waited for.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = 10;
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            await Task.Delay(delay, ct);
            delay = Math.Min(delay * 2, 100);
        }
    }

    public static string QuoteLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string QuoteIdentifier(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
