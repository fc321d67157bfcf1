using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// One complete failover on a running topology: set the commit mode, monitor replication under a write
/// workload, SIGKILL the primary, fail over, keep writing on the new primary, stop, count the acknowledged
/// commits that are missing (RPO), rejoin the old primary with pg_rewind and check that every member
/// converged. The topology is left healthy (with a new primary) for the next scenario; the result keeps
/// what was seen.
/// </summary>
public static class FailoverScenario
{
    public static async Task<FailoverScenarioResult> RunAsync(ReplicationTopology topology, ReplicationMode mode, FailoverScenarioOptions options,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        progress?.Report($"{mode}: {topology.PrimaryName} is the primary");
        await topology.SetModeAsync(mode, cancellationToken);
        await Sql.ExecuteAsync(Sql.Unpooled(topology.Primary.ConnectionString), cancellationToken, $"TRUNCATE {ReplicationTopology.Table}");
        var primaryAtStart = topology.PrimaryName;
        var standbysAtStart = topology.Standbys.Select(s => s.Name).ToList();
        var replication = await ListAsync(topology.Primary, "SELECT application_name || ':' || state || ':' || sync_state FROM pg_stat_replication ORDER BY 1", cancellationToken);
        var slots = await ListAsync(topology.Primary, "SELECT slot_name || ':' || slot_type || ':' || active FROM pg_replication_slots ORDER BY 1", cancellationToken);

        await using var monitor = new ReplicationMonitor(topology, options.MonitorInterval);
        monitor.Start();
        await using var workload = new CommitWorkload(topology, options.Writers);
        workload.Start();
        progress?.Report($"{mode}: writing");
        await WaitAsync(() => workload.Acknowledged.Count >= options.CommitsBeforeKill, options.Patience, $"{options.CommitsBeforeKill} acknowledged commits", cancellationToken);

        progress?.Report($"{mode}: SIGKILL to the primary, failing over");
        var coordinator = new FailoverCoordinator(topology);
        var killedAtSeconds = monitor.Now;
        var failover = await coordinator.KillPrimaryAndFailOverAsync(workload, cancellationToken);
        await WaitAsync(() => workload.AcknowledgedWithTimes.Count(a => a.Member == failover.NewPrimary) >= options.CommitsAfterFailover,
            options.Patience, $"{options.CommitsAfterFailover} commits on the new primary", cancellationToken);
        await workload.StopAsync();

        // Killing the postmaster does not stop its backends at once: a commit in flight may still be acknowledged by the
        // old primary just after the kill. So commits are told apart by the member that acknowledged them, not by time.
        var acknowledged = workload.AcknowledgedWithTimes;
        var byNewPrimary = acknowledged.Where(a => a.Member == failover.NewPrimary).Select(a => a.Id).ToHashSet();
        var lost = await coordinator.LostAcknowledgedAsync(workload, cancellationToken);

        progress?.Report($"{mode}: rejoining {failover.OldPrimary} with pg_rewind");
        var rejoin = await coordinator.RejoinAsFollowerAsync(failover.OldPrimary, cancellationToken);
        IReadOnlyDictionary<string, (long Rows, decimal IdSum)> fingerprints;
        try
        {
            fingerprints = await coordinator.ConvergeAsync(options.Patience, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\npg_rewind of {failover.OldPrimary} said:\n{rejoin.RewindOutput}", e);
        }
        await monitor.StopAsync();
        var oldIsStandby = await ScalarAsync(topology.Member(failover.OldPrimary), "SELECT pg_is_in_recovery()", cancellationToken);
        var followers = await ListAsync(topology.Primary, "SELECT application_name || ':' || state FROM pg_stat_replication ORDER BY 1", cancellationToken);

        return new FailoverScenarioResult(mode, primaryAtStart, standbysAtStart, replication, slots, monitor.Samples, killedAtSeconds, failover,
            acknowledged.Count(a => a.Member == failover.OldPrimary), acknowledged.Count(a => a.Member == failover.OldPrimary && a.Timestamp > failover.KilledAtTimestamp),
            acknowledged.Count, lost, lost.Where(byNewPrimary.Contains).ToList(),
            workload.InDoubt.Count, rejoin, fingerprints, oldIsStandby, followers, workload.CommitLatency, monitor.FailedReadings);
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            await Task.Delay(10, ct);
        }
    }

    private static async Task<List<string>> ListAsync(PostgresCluster cluster, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(Sql.Unpooled(cluster.ConnectionString));
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(ct)) rows.Add(reader.GetString(0));
        return rows;
    }

    private static Task<bool> ScalarAsync(PostgresCluster cluster, string sql, CancellationToken ct) => Sql.ScalarAsync<bool>(Sql.Unpooled(cluster.ConnectionString), sql, ct);
}
