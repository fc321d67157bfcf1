using Npgsql;

namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>
/// Watches from a third connection whether a session's statement is waiting on a lock held by
/// another session (pg_blocking_pids), so a scenario can let the blocker go on only once the wait is real.
/// </summary>
internal sealed class LockWaitMonitor(string connectionString) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    /// <summary>
    /// Waits until <paramref name="statement"/> either finishes (false: it did not wait on a lock) or
    /// its backend shows up as blocked by another one (true). Fails after the deadline: a scenario
    /// that neither finishes nor blocks is a bug.
    /// </summary>
    public async Task<bool> IsBlockedAsync(int backendPid, Task statement, CancellationToken ct, TimeSpan? deadline = null)
    {
        _connection ??= await OpenAsync(ct);
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(15));
        await using var cmd = new NpgsqlCommand("SELECT cardinality(pg_blocking_pids(@pid)) > 0", _connection);
        cmd.Parameters.AddWithValue("pid", backendPid);
        var delay = 1;
        while (true)
        {
            if (statement.IsCompleted) return false;
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return true;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Backend {backendPid} neither finished its statement nor waited on a lock within the deadline.");
            // Wait for the statement to finish or a short poll interval, whichever comes first.
            await Task.WhenAny(statement, Task.Delay(delay, ct));
            delay = Math.Min(delay * 2, 20);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "lock-monitor" }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
