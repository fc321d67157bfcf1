using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness;
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
            await Sql.ExecuteAsync(primary.ConnectionString, ct, "CREATE TABLE register (id int PRIMARY KEY, value bigint NOT NULL); INSERT INTO register VALUES (1, 0);");
            sync = await primary.CreateReplicaAsync(new PostgresReplicaOptions { Name = SyncReplicaName, SlotName = "sync_slot" }, ct);
            var async = await primary.CreateReplicaAsync(new PostgresReplicaOptions { Name = AsyncReplicaName, SlotName = "async_slot" }, ct);
            var probe = new ReplicaReadProbe(primary, sync, async);
            // Name the sync standby only now: with it named, a commit that waits for it cannot finish while it is missing.
            await Sql.ExecuteAsync(primary.ConnectionString, ct,
                $"ALTER SYSTEM SET synchronous_standby_names = {Sql.QuoteLiteral(SyncReplicaName)}", "SELECT pg_reload_conf()");
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
        await Sql.ExecuteAsync(writer, ct, $"SET synchronous_commit = {synchronousCommit}");
        var start = await ReadRegisterAsync(writer, ct);
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
                var asyncStale = await ReadBackAsync(expected, own, other, ryw, stale, ct);
                if (asyncStale) convergence.Record(await TimeUntilVisibleAsync(other[ReadTarget.AsyncReplica], expected, acknowledged, ct));
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

    /// <summary>
    /// Right after write <paramref name="expected"/> was acknowledged, reads the register on every target twice: on the
    /// writer's own connection there (<paramref name="own"/>, read-your-writes) and on another client's
    /// (<paramref name="other"/>, staleness). A read that returns less than <paramref name="expected"/> is counted in
    /// <paramref name="ryw"/> or <paramref name="stale"/>. Returns whether the other client's read of the async replica was behind.
    /// </summary>
    internal static async Task<bool> ReadBackAsync(long expected, IReadOnlyDictionary<ReadTarget, NpgsqlConnection> own,
        IReadOnlyDictionary<ReadTarget, NpgsqlConnection> other, Dictionary<ReadTarget, int> ryw, Dictionary<ReadTarget, int> stale, CancellationToken ct)
    {
        #region Exercise 1.1.3-1e: read the acknowledged value back from every target and count what is behind (tests: ReplicaReadTests)
        var asyncStale = false;
        foreach (var target in Enum.GetValues<ReadTarget>())
        {
            if (await ReadRegisterAsync(own[target], ct) < expected) ryw[target]++;
            if (await ReadRegisterAsync(other[target], ct) >= expected) continue;
            stale[target]++;
            if (target == ReadTarget.AsyncReplica) asyncStale = true;
        }
        return asyncStale;
        #endregion
    }

    /// <summary>How long after <paramref name="acknowledged"/> the replica shows the write: read back-to-back, since
    /// this is the measuring instrument (a few milliseconds on loopback), bounded by a 10 s deadline.</summary>
    private static async Task<TimeSpan> TimeUntilVisibleAsync(NpgsqlConnection replica, long expected, long acknowledged, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (await ReadRegisterAsync(replica, ct) < expected)
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"The async replica did not show write {expected} within 10 s.");
        return Stopwatch.GetElapsedTime(acknowledged);
    }

    private Task WaitForStandbysAsync(CancellationToken ct) =>
        Eventually.UntilAsync(async () => await Sql.ScalarAsync<long>(Sql.Unpooled(_primary.ConnectionString, "setup"),
                "SELECT count(*) FROM pg_stat_replication WHERE (application_name = $1 AND sync_state = 'sync') OR (application_name = $2 AND state = 'streaming')",
                ct, SyncReplicaName, AsyncReplicaName) == 2,
            TimeSpan.FromSeconds(30), $"the standbys to stream ({AsyncReplicaName}) and to be synchronous ({SyncReplicaName})", ct);

    private static Task<long> ReadRegisterAsync(NpgsqlConnection conn, CancellationToken ct) =>
        Sql.ScalarAsync<long>(conn, "SELECT value FROM register WHERE id = 1", ct);

    private static async Task<NpgsqlConnection> OpenAsync(PostgresCluster cluster, string name, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(Sql.Unpooled(cluster.ConnectionString, name));
        await conn.OpenAsync(ct);
        return conn;
    }

    public async ValueTask DisposeAsync()
    {
        await _async.DisposeAsync();
        await _sync.DisposeAsync();
        await _primary.DisposeAsync();
    }
}
