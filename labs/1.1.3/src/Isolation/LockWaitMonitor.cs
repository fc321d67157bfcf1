using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

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
        var connection = _connection;
        var blocked = false;
        await Eventually.UntilAsync(async () =>
            statement.IsCompleted || (blocked = await Sql.ScalarAsync<bool>(connection, "SELECT cardinality(pg_blocking_pids($1)) > 0", ct, backendPid)),
            deadline ?? TimeSpan.FromSeconds(15), $"backend {backendPid} to finish its statement or wait on a lock", ct);
        return blocked;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(Sql.Unpooled(connectionString, "lock-monitor"));
        await connection.OpenAsync(ct);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
