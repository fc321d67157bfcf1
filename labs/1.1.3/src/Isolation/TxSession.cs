using System.Data;
using Npgsql;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>
/// One client session of the matrix: its own connection (its own backend process) with one open
/// transaction at a chosen isolation level. A statement that hits SQLSTATE 40001 is recorded and
/// the transaction is rolled back, as an application would before retrying.
/// </summary>
internal sealed class TxSession : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private TxSession(NpgsqlConnection connection, string name)
    {
        _connection = connection;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The server process serving this session (what pg_blocking_pids is asked about).</summary>
    public int BackendPid => _connection.ProcessID;

    /// <summary>The SQLSTATE of the error that ended this session's transaction, if any.</summary>
    public string? FailedWith { get; private set; }

    public bool Committed { get; private set; }

    public static async Task<TxSession> BeginAsync(string connectionString, string name, IsolationLevel level, CancellationToken ct)
    {
        // No pooling: a session is a real, separate backend, as two application processes would have.
        var connection = new NpgsqlConnection(Sql.Unpooled(connectionString, name));
        await connection.OpenAsync(ct);
        var session = new TxSession(connection, name);
        session._transaction = await connection.BeginTransactionAsync(level, ct);
        return session;
    }

    /// <summary>Runs a statement; returns the rows it affected, or null (after rolling back) when it fails with a serialization failure.</summary>
    public async Task<int?> ExecuteAsync(string sql, CancellationToken ct)
    {
        EnsureOpen();
        try
        {
            return await Sql.ExecuteAsync(_connection, ct, sql);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.SerializationFailure)
        {
            await FailAsync(e);
            return null;
        }
    }

    /// <summary>Reads one integer (null when the transaction failed with 40001).</summary>
    public async Task<long?> ScalarAsync(string sql, CancellationToken ct)
    {
        EnsureOpen();
        try
        {
            return await Sql.ScalarAsync<long>(_connection, sql, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.SerializationFailure)
        {
            await FailAsync(e);
            return null;
        }
    }

    public async Task<bool> CommitAsync(CancellationToken ct)
    {
        if (FailedWith is not null) return false;
        try
        {
            await _transaction!.CommitAsync(ct);
            Committed = true;
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.SerializationFailure)
        {
            FailedWith = e.SqlState;
            return false;
        }
    }

    public async Task RollbackAsync(CancellationToken ct)
    {
        if (FailedWith is not null || Committed) return;
        await _transaction!.RollbackAsync(ct);
        FailedWith = "rolled back";
    }

    private async Task FailAsync(PostgresException e)
    {
        FailedWith = e.SqlState;
        await _transaction!.RollbackAsync();
    }

    private void EnsureOpen()
    {
        if (FailedWith is not null || Committed)
            throw new InvalidOperationException($"Session {Name} has no open transaction (it ended: {FailedWith ?? "committed"}).");
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
