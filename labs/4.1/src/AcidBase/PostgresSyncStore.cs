using System.Diagnostics;
using Npgsql;
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

    public static async Task<PostgresSyncStore> StartAsync(TimeSpan linkDelay, CancellationToken ct = default)
    {
        var primary = await PostgresCluster.StartAsync(new PostgresClusterOptions { Name = "acid-primary", DataChecksums = false }, ct);
        PostgresCluster? standby = null;
        ReplicationLink? link = null;
        try
        {
            await using (var conn = await primary.OpenConnectionAsync(cancellationToken: ct))
            await using (var cmd = new NpgsqlCommand("CREATE TABLE kv (k text PRIMARY KEY, v bigint NOT NULL)", conn))
                await cmd.ExecuteNonQueryAsync(ct);
            standby = await primary.CreateReplicaAsync(new PostgresReplicaOptions { Name = StandbyName, SlotName = "acid_slot" }, ct);
            // Route the standby's WAL stream through the link (primary_conninfo is reloadable since PostgreSQL 13).
            link = new ReplicationLink(primary.Port, linkDelay);
            await ExecuteAsync(standby, $"ALTER SYSTEM SET primary_conninfo = 'host=127.0.0.1 port={link.Port} user=postgres application_name={StandbyName}'; SELECT pg_reload_conf();", ct);
            await ExecuteAsync(primary, $"ALTER SYSTEM SET synchronous_standby_names = '{StandbyName}'; ALTER SYSTEM SET synchronous_commit = 'remote_apply'; SELECT pg_reload_conf();", ct);
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

    public async Task<long?> ReadReplicaAsync(string key, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT v FROM kv WHERE k = @k", _reader);
        cmd.Parameters.AddWithValue("k", key);
        return await cmd.ExecuteScalarAsync(cancellationToken) is long v ? v : null;
    }

    public async Task FailoverAsync(CancellationToken cancellationToken)
    {
        await _writer.DisposeAsync();
        await _primary.KillAsync(cancellationToken);
        await ExecuteAsync(_standby, "SELECT pg_promote(true, 60)", cancellationToken);
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
        await using var receiver = new NpgsqlCommand("SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming' AND conninfo LIKE @port", onStandby);
        receiver.Parameters.AddWithValue("port", $"%port={link.Port}%");
        await using var onPrimary = await Open(primary, ct);
        await using var sync = new NpgsqlCommand("SELECT count(*) FROM pg_stat_replication WHERE application_name = @n AND sync_state = 'sync'", onPrimary);
        sync.Parameters.AddWithValue("n", StandbyName);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((long)(await receiver.ExecuteScalarAsync(ct))! == 0 || (long)(await sync.ExecuteScalarAsync(ct))! != 1)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The standby {StandbyName} did not become synchronous through the link within 30 s.");
            await Task.Delay(20, ct);
        }
    }

    private static async Task<NpgsqlConnection> Open(PostgresCluster cluster, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync(ct);
        return conn;
    }

    private static async Task ExecuteAsync(PostgresCluster cluster, string sql, CancellationToken ct)
    {
        await using var conn = await Open(cluster, ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
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
