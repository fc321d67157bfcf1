using System.Diagnostics;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// One complete failover on a running topology: set the commit mode, monitor replication under a write workload,
/// cut off the standbys the mode does not wait for (all of them when asynchronous; the asynchronous one when
/// synchronous), keep committing, SIGKILL the primary, fail over, keep writing on the new primary, stop, count the
/// acknowledged commits that are missing (RPO), rejoin the old primary with pg_rewind and check that every member
/// converged. The cut makes the asynchronous loss certain instead of a race with the kill: every commit sent after it
/// exists on the old primary only. The topology is left healthy (with a new primary) for the next scenario.
/// </summary>
public static class FailoverScenario
{
    /// <summary>The standbys the primary does not wait for in <paramref name="mode"/>: those a cut can leave behind.</summary>
    public static IReadOnlyList<string> StandbysToCut(ReplicationTopology topology, ReplicationMode mode)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var standbys = topology.Standbys.Select(s => s.Name).ToList();
        return mode == ReplicationMode.Asynchronous ? standbys : standbys.Skip(1).ToList(); // the first one is synchronous
    }

    public static async Task<FailoverScenarioResult> RunAsync(ReplicationTopology topology, ReplicationMode mode, FailoverScenarioOptions options,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        progress?.Report($"{mode}: {topology.PrimaryName} is the primary");
        await topology.SetModeAsync(mode, cancellationToken);
        var primary = Sql.Unpooled(topology.Primary.ConnectionString);
        await Sql.ExecuteAsync(primary, cancellationToken, $"TRUNCATE {ReplicationTopology.Table}");
        var primaryAtStart = topology.PrimaryName;
        var standbysAtStart = topology.Standbys.Select(s => s.Name).ToList();
        var replication = await ListAsync(primary, "SELECT application_name || ':' || state || ':' || sync_state FROM pg_stat_replication ORDER BY 1", cancellationToken);
        var slots = await ListAsync(primary, "SELECT slot_name || ':' || slot_type || ':' || active FROM pg_replication_slots ORDER BY 1", cancellationToken);

        await using var monitor = new ReplicationMonitor(topology, options.MonitorInterval);
        monitor.Start();
        await using var workload = new CommitWorkload(topology, options.Writers);
        workload.Start();
        progress?.Report($"{mode}: writing while every standby streams");
        await Eventually.UntilAsync(() => workload.AcknowledgedCount >= options.CommitsBeforeCut
                                          && standbysAtStart.All(s => monitor.Count(x => x.Standby == s && x.State == "streaming") >= options.MinimumLagSamples),
            options.Patience, $"{options.CommitsBeforeCut} acknowledged commits and {options.MinimumLagSamples} lag samples of each standby", cancellationToken);

        // The cut: from now on the cut standbys receive nothing, so a commit sent after it exists only where the mode put it.
        var toCut = StandbysToCut(topology, mode);
        progress?.Report($"{mode}: cutting off {string.Join(" and ", toCut)}");
        var cutOff = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var standby in toCut) cutOff[standby] = await topology.CutOffAsync(standby, cancellationToken);
        var cutAt = Stopwatch.GetTimestamp();
        var cutAtSeconds = monitor.Now;
        await Eventually.UntilAsync(() => workload.CountOn(primaryAtStart, since: cutAt) >= options.CommitsAfterCut
                                          && toCut.All(s => monitor.Count(x => x.Standby == s && x.Seconds >= cutAtSeconds) >= 1),
            options.Patience, $"{options.CommitsAfterCut} commits acknowledged after the cut and a sample of each cut-off standby", cancellationToken);

        progress?.Report($"{mode}: SIGKILL to the primary, failing over");
        var coordinator = new FailoverCoordinator(topology) { Bug = options.Bug };
        var killedAtSeconds = monitor.Now;
        var failover = await coordinator.KillPrimaryAndFailOverAsync(cancellationToken);
        TimeSpan? rto = null;
        if (options.Heal)
        {
            // Recovery is complete when a client's write succeeds on the new primary.
            var firstWrite = await workload.WaitForCommitOnAsync(failover.NewPrimary, failover.KilledAtTimestamp, options.Patience, cancellationToken);
            rto = Stopwatch.GetElapsedTime(failover.KilledAtTimestamp, firstWrite);
            await Eventually.UntilAsync(() => workload.CountOn(failover.NewPrimary) >= options.CommitsAfterFailover,
                options.Patience, $"{options.CommitsAfterFailover} commits on the new primary", cancellationToken);
        }
        await workload.StopAsync();

        // Killing the postmaster does not stop its backends at once: a commit in flight may still be acknowledged by the
        // old primary just after the kill. So commits are told apart by the member that acknowledged them, not by time.
        var acknowledged = workload.Acknowledged;
        var byOld = acknowledged.Where(a => a.Member == failover.OldPrimary).ToList();
        var byNewPrimary = acknowledged.Where(a => a.Member == failover.NewPrimary).Select(a => a.Id).ToHashSet();
        var afterCut = byOld.Where(a => a.SentAt >= cutAt).Select(a => a.Id).Order().ToList();
        var lost = await coordinator.LostAcknowledgedAsync(acknowledged, cancellationToken);

        RejoinResult? rejoin = null;
        IReadOnlyDictionary<string, (long Rows, decimal IdSum)> fingerprints = new Dictionary<string, (long, decimal)>();
        var oldIsStandby = false;
        IReadOnlyList<string> followers = [];
        if (options.Heal)
        {
            progress?.Report($"{mode}: rejoining {failover.OldPrimary} with pg_rewind");
            rejoin = await coordinator.RejoinAsFollowerAsync(failover.OldPrimary, cancellationToken);
            try
            {
                fingerprints = await coordinator.ConvergeAsync(options.Patience, cancellationToken);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\npg_rewind of {failover.OldPrimary} said:\n{rejoin.RewindOutput}", e);
            }
            await Eventually.UntilAsync(() => monitor.Count(x => x.Seconds > killedAtSeconds && x.Standby == failover.OldPrimary && x.State == "streaming") >= 1,
                options.Patience, $"the monitor to see {failover.OldPrimary} streaming from {failover.NewPrimary}", cancellationToken);
            oldIsStandby = await Sql.ScalarAsync<bool>(Sql.Unpooled(topology.Member(failover.OldPrimary).ConnectionString), "SELECT pg_is_in_recovery()", cancellationToken);
            followers = await ListAsync(Sql.Unpooled(topology.Primary.ConnectionString), "SELECT application_name || ':' || state FROM pg_stat_replication ORDER BY 1", cancellationToken);
        }
        await monitor.StopAsync();

        return new FailoverScenarioResult(mode, options.Bug, primaryAtStart, standbysAtStart, replication, slots, monitor.Samples, cutOff, cutAtSeconds,
            killedAtSeconds, failover, rto, byOld.Count, byOld.Count(a => a.AcknowledgedAt > failover.KilledAtTimestamp), acknowledged.Count, afterCut,
            lost, lost.Where(byNewPrimary.Contains).ToList(), workload.InDoubt.Count, rejoin, fingerprints, oldIsStandby, followers,
            workload.CommitLatency, monitor.FailedReadings);
    }

    private static async Task<List<string>> ListAsync(string connectionString, string sql, CancellationToken ct)
    {
        var rows = await Sql.ScalarAsync<string[]>(connectionString, $"SELECT coalesce(array_agg(x ORDER BY x), '{{}}') FROM ({sql}) AS t(x)", ct);
        return [.. rows];
    }
}
