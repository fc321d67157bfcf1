using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>
/// PostgreSQL as the ACID side: a primary and a hot standby named in synchronous_standby_names, with
/// synchronous_commit = remote_apply, so a commit is acknowledged only once the standby has applied it.
/// The standby streams WAL through the <see cref="ReplicationLink"/>.
/// </summary>
public sealed class PostgresSyncStore : IReplicatedStore
{
    private const string StandbyName = "acid_standby";
    private readonly PostgresCluster _primary;
    private readonly PostgresCluster _standby;
    private readonly NpgsqlConnection _writer;
    private readonly NpgsqlConnection _reader;

    private PostgresSyncStore(PostgresCluster primary, PostgresCluster standby, ReplicationLink link, NpgsqlConnection writer, NpgsqlConnection reader)
    {
        _primary = primary;
        _standby = standby;
        Link = link;
        _writer = writer;
        _reader = reader;
    }

    public string Name => "PostgreSQL, synchronous standby (remote_apply)";
    public ReplicationLink Link { get; }

    /// <summary>Starts the primary, the standby behind a link of <paramref name="linkDelay"/> each way, and waits until the
    /// standby is synchronous.</summary>
    /// <param name="bug">A planted mistake (<see cref="AcidStoreBug"/>), for the test that shows the workload's checks catch it.</param>
    public static async Task<PostgresSyncStore> StartAsync(TimeSpan linkDelay, CancellationToken ct = default, AcidStoreBug bug = AcidStoreBug.None)
    {
        var primary = await PostgresCluster.StartAsync(new PostgresClusterOptions { Name = "acid-primary", DataChecksums = false }, ct);
        PostgresCluster? standby = null;
        ReplicationLink? link = null;
        try
        {
            await Sql.ExecuteAsync(primary.ConnectionString, ct, "CREATE TABLE kv (k text PRIMARY KEY, v bigint NOT NULL)");
            standby = await primary.CreateReplicaAsync(new PostgresReplicaOptions { Name = StandbyName, SlotName = "acid_slot" }, ct);
            // Route the standby's WAL stream through the link (primary_conninfo is reloadable since PostgreSQL 13).
            link = new ReplicationLink(primary.Port, linkDelay);
            await Sql.ExecuteAsync(Sql.Unpooled(standby.ConnectionString), ct,
                $"ALTER SYSTEM SET primary_conninfo = {Sql.QuoteLiteral($"host=127.0.0.1 port={link.Port} user=postgres application_name={StandbyName}")}", "SELECT pg_reload_conf()");
            // Planted bug AcknowledgeBeforeStandby: the primary still names the standby but does not wait for it.
            var synchronousCommit = bug == AcidStoreBug.AcknowledgeBeforeStandby ? "local" : "remote_apply";
            await Sql.ExecuteAsync(Sql.Unpooled(primary.ConnectionString), ct, $"ALTER SYSTEM SET synchronous_standby_names = {Sql.QuoteLiteral(StandbyName)}",
                $"ALTER SYSTEM SET synchronous_commit = {Sql.QuoteLiteral(synchronousCommit)}", "SELECT pg_reload_conf()");
            await WaitForSyncStandbyAsync(primary, standby, link, ct);
            var writer = await Open(primary, ct);
            var reader = await Open(standby, ct);
            return new PostgresSyncStore(primary, standby, link, writer, reader);
        }
        catch
        {
            if (link is not null) await link.DisposeAsync();
            if (standby is not null) await standby.DisposeAsync();
            await primary.DisposeAsync();
            throw;
        }
    }

    public async Task<bool> WriteAsync(string key, long value, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        var start = Stopwatch.GetTimestamp();
        await using var cmd = new NpgsqlCommand("INSERT INTO kv VALUES (@k, @v) ON CONFLICT (k) DO UPDATE SET v = excluded.v", _writer);
        cmd.Parameters.AddWithValue("k", key);
        cmd.Parameters.AddWithValue("v", value);
        try
        {
            await cmd.ExecuteNonQueryAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            return false;
        }
        // A cancelled wait for the standby still answers "COMMIT" (with a warning: the transaction is committed
        // locally only). Such a write was not acknowledged by the rules of synchronous replication.
        return Stopwatch.GetElapsedTime(start) < timeout && !timer.IsCancellationRequested;
    }

    public Task<long?> ReadReplicaAsync(string key, CancellationToken cancellationToken) =>
        Sql.ScalarAsync<long?>(_reader, "SELECT v FROM kv WHERE k = $1", cancellationToken, key);

    public async Task FailoverAsync(CancellationToken cancellationToken)
    {
        await _writer.DisposeAsync();
        await _primary.KillAsync(cancellationToken);
        await Sql.ExecuteAsync(Sql.Unpooled(_standby.ConnectionString), cancellationToken, "SELECT pg_promote(true, 60)");
    }

    public async Task<IReadOnlyDictionary<string, long>> ReadAllAfterFailoverAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var conn = await Open(_standby, cancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT k, v FROM kv WHERE k = ANY(@keys)", conn);
        cmd.Parameters.AddWithValue("keys", keys.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) result[reader.GetString(0)] = reader.GetInt64(1);
        return result;
    }

    private static async Task WaitForSyncStandbyAsync(PostgresCluster primary, PostgresCluster standby, ReplicationLink link, CancellationToken ct)
    {
        // The standby streams through the link (its WAL receiver names the link's port), and the primary counts it as sync.
        await using var onStandby = await Open(standby, ct);
        await using var onPrimary = await Open(primary, ct);
        await Eventually.UntilAsync(async () =>
                await Sql.ScalarAsync<long>(onStandby, "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming' AND conninfo LIKE $1", ct, $"%port={link.Port}%") == 1
                && await Sql.ScalarAsync<long>(onPrimary, "SELECT count(*) FROM pg_stat_replication WHERE application_name = $1 AND sync_state = 'sync'", ct, StandbyName) == 1,
            TimeSpan.FromSeconds(30), $"the standby {StandbyName} to stream through the link and be synchronous", ct);
    }

    private static async Task<NpgsqlConnection> Open(PostgresCluster cluster, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(Sql.Unpooled(cluster.ConnectionString, "acid-store"));
        await conn.OpenAsync(ct);
        return conn;
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _writer.DisposeAsync();
        await Link.DisposeAsync();
        await _standby.DisposeAsync();
        await _primary.DisposeAsync();
    }
}
