using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness.Measurement;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>
/// Eventual versus strong reads on real streaming replication: a primary with two hot standbys,
/// one named in synchronous_standby_names (sync) and one not (async). A writer updates a register
/// and, as soon as the commit is acknowledged, it and a second client read the register on every
/// target; any read that returns an older value than the acknowledged one is counted.
/// </summary>
public sealed class ReplicaReadProbe : IAsyncDisposable
{
    public const string SyncReplicaName = "sync_replica";
    public const string AsyncReplicaName = "async_replica";

    private readonly PostgresCluster _primary;
    private readonly PostgresCluster _sync;
    private readonly PostgresCluster _async;

    private ReplicaReadProbe(PostgresCluster primary, PostgresCluster sync, PostgresCluster async)
    {
        _primary = primary;
        _sync = sync;
        _async = async;
    }

    public static async Task<ReplicaReadProbe> StartAsync(CancellationToken ct = default)
    {
        var primary = await PostgresCluster.StartAsync(new PostgresClusterOptions { Name = "isolation-primary", DataChecksums = false }, ct);
        PostgresCluster? sync = null;
        try
        {
            await ExecuteAsync(primary.ConnectionString, "CREATE TABLE register (id int PRIMARY KEY, value bigint NOT NULL); INSERT INTO register VALUES (1, 0);", ct);
            sync = await primary.CreateReplicaAsync(new PostgresReplicaOptions { Name = SyncReplicaName, SlotName = "sync_slot" }, ct);
            var async = await primary.CreateReplicaAsync(new PostgresReplicaOptions { Name = AsyncReplicaName, SlotName = "async_slot" }, ct);
            var probe = new ReplicaReadProbe(primary, sync, async);
            // Name the sync standby only now: with it named, a commit that waits for it cannot finish while it is missing.
            await ExecuteAsync(primary.ConnectionString,
                $"ALTER SYSTEM SET synchronous_standby_names = '{SyncReplicaName}'; SELECT pg_reload_conf();", ct);
            await probe.WaitForStandbysAsync(ct);
            return probe;
        }
        catch
        {
            if (sync is not null) await sync.DisposeAsync();
            await primary.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="writes"/> acknowledged writes with the given synchronous_commit (local or remote_apply).</summary>
    public async Task<ReplicaReadReport> RunAsync(int writes, string synchronousCommit, CancellationToken ct = default)
    {
        if (synchronousCommit is not ("local" or "on" or "remote_write" or "remote_apply" or "off"))
            throw new ArgumentException($"synchronous_commit '{synchronousCommit}' is not one of off, local, remote_write, on, remote_apply.", nameof(synchronousCommit));
        await using var writer = await OpenAsync(_primary, "writer", ct);
        await ExecuteAsync(writer, $"SET synchronous_commit = {synchronousCommit}", ct);
        var start = await ScalarAsync(writer, "SELECT value FROM register WHERE id = 1", ct);
        var targets = new[] { (ReadTarget.Primary, _primary), (ReadTarget.SyncReplica, _sync), (ReadTarget.AsyncReplica, _async) };
        var own = new Dictionary<ReadTarget, NpgsqlConnection>();
        var other = new Dictionary<ReadTarget, NpgsqlConnection>();
        try
        {
            foreach (var (target, cluster) in targets)
            {
                own[target] = await OpenAsync(cluster, "writer-reads", ct);
                other[target] = await OpenAsync(cluster, "other-client", ct);
            }
            var ryw = targets.ToDictionary(t => t.Item1, _ => 0);
            var stale = targets.ToDictionary(t => t.Item1, _ => 0);
            var convergence = new LatencyRecorder();
            var commits = new LatencyRecorder();
            await using var write = new NpgsqlCommand("UPDATE register SET value = @v WHERE id = 1", writer);
            var value = write.Parameters.Add("v", NpgsqlTypes.NpgsqlDbType.Bigint);
            for (var i = 1; i <= writes; i++)
            {
                var expected = start + i;
                value.Value = expected;
                var t0 = Stopwatch.GetTimestamp();
                await write.ExecuteNonQueryAsync(ct);
                commits.RecordSince(t0);
                var acknowledged = Stopwatch.GetTimestamp();
                var asyncStale = false;
                #region Exercise 1.1.3-1: read the acknowledged value back from every target and count what is behind
                foreach (var (target, _) in targets)
                {
                    if (await ReadRegisterAsync(own[target], ct) < expected) ryw[target]++;
                    if (await ReadRegisterAsync(other[target], ct) < expected)
                    {
                        stale[target]++;
                        if (target == ReadTarget.AsyncReplica) asyncStale = true;
                    }
                }
                #endregion
                if (asyncStale)
                {
                    // Eventual: the replica does converge; measure how long after the acknowledgement.
                    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                    while (await ReadRegisterAsync(other[ReadTarget.AsyncReplica], ct) < expected)
                    {
                        if (DateTime.UtcNow > deadline) throw new TimeoutException($"The async replica did not show write {expected} within 10 s.");
                        await Task.Yield();
                    }
                    convergence.RecordSince(acknowledged);
                }
            }
            return new ReplicaReadReport(synchronousCommit, writes,
                targets.Select(t => new TargetReadCounts(t.Item1, writes, ryw[t.Item1], stale[t.Item1])).ToList(),
                convergence.Summarize(), commits.Summarize());
        }
        finally
        {
            foreach (var c in own.Values.Concat(other.Values)) await c.DisposeAsync();
        }
    }

    private async Task WaitForStandbysAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(_primary, "setup", ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_replication WHERE (application_name = @s AND sync_state = 'sync') OR (application_name = @a AND state = 'streaming')", conn);
        cmd.Parameters.AddWithValue("s", SyncReplicaName);
        cmd.Parameters.AddWithValue("a", AsyncReplicaName);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((long)(await cmd.ExecuteScalarAsync(ct))! < 2)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The standbys did not reach streaming (async) and sync (sync_replica) within 30 s.");
            await Task.Delay(20, ct);
        }
    }

    private static async Task<long> ReadRegisterAsync(NpgsqlConnection conn, CancellationToken ct) =>
        await ScalarAsync(conn, "SELECT value FROM register WHERE id = 1", ct);

    private static async Task<NpgsqlConnection> OpenAsync(PostgresCluster cluster, string name, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false, ApplicationName = name }.ConnectionString);
        await conn.OpenAsync(ct);
        return conn;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await ExecuteAsync(conn, sql, ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _async.DisposeAsync();
        await _sync.DisposeAsync();
        await _primary.DisposeAsync();
    }
}
