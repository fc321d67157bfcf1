using Npgsql;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// One writer's connection, kept to whichever member was the primary when it was opened. <see cref="SentAt"/>
/// is set when a statement goes out: a failure after that leaves the statement in doubt (it may have committed).
/// </summary>
public sealed class WriterSession(int writer) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    public int Writer { get; } = writer;

    /// <summary>The member the open connection goes to (null when none is open).</summary>
    public string? Member { get; private set; }

    /// <summary>When the current statement was sent (Stopwatch timestamp); null until it is.</summary>
    public long? SentAt { get; set; }

    /// <summary>An open connection to <paramref name="member"/>, reconnecting if the open one goes elsewhere.</summary>
    public async Task<NpgsqlConnection> ConnectionToAsync(string member, PostgresCluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (_connection is not null && Member == member) return _connection;
        await DropAsync();
        var connection = new NpgsqlConnection(Sql.Unpooled(cluster.ConnectionString, $"writer-{Writer}"));
        await connection.OpenAsync(cancellationToken);
        (_connection, Member) = (connection, member);
        return connection;
    }

    /// <summary>Forgets a broken connection; the next statement reconnects.</summary>
    public async Task DropAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        (_connection, Member) = (null, null);
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}
