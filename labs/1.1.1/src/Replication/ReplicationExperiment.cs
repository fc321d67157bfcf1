using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// 1.1.1-3: a PostgreSQL primary with two streaming replicas, once with a synchronous standby
/// (synchronous_commit = on) and once fully asynchronous. Monitors lag under a write workload, SIGKILLs
/// the primary, fails over to the most advanced replica, and measures RTO (kill → first write on the new
/// primary) and RPO (acknowledged commits missing afterwards); then rejoins the old primary with pg_rewind.
/// </summary>
public sealed class ReplicationExperiment : IExperiment
{
    public string GoalId => "1.1.1-3";
    public string Title => "PostgreSQL leader-follower: replication lag, failover RTO and RPO, rejoin with pg_rewind";

    /// <summary>The scenario results of the last run (tests assert on them directly).</summary>
    public IReadOnlyList<FailoverScenarioResult> Results { get; private set; } = [];

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new FailoverScenarioOptions
        {
            Writers = context.Size(4, 8),
            CommitsBeforeKill = context.Size(250, 4000),
            CommitsAfterFailover = context.Size(50, 500),
        };
        var results = new List<FailoverScenarioResult>();
        var modes = new[] { ReplicationMode.Synchronous, ReplicationMode.Asynchronous };
        context.Report(0, "starting a primary and two replicas");
        // One topology for both scenarios: the second failover starts from the first one's new primary.
        await using (var topology = await ReplicationTopology.StartAsync(new ReplicationTopologyOptions { Mode = modes[0] }, cancellationToken))
        {
            for (var i = 0; i < modes.Length; i++)
            {
                var step = i;
                var progress = new Progress<string>(m => context.Report((step + 0.5) / modes.Length, m));
                results.Add(await FailoverScenario.RunAsync(topology, modes[i], options, progress, cancellationToken));
            }
        }
        Results = results;
        var sync = results[0];
        var async = results[1];

        var finding = new FindingBuilder(GoalId, Title);
        finding.Table(FindingTable.Of("Replay lag while the first primary was alive (from pg_stat_replication)",
            ["mode", "standby", "sync_state", "samples", "bytes p50", "bytes p99", "bytes max", "ms p50", "ms p99", "ms max"],
            results.SelectMany(r => r.StandbysAtStart.Select(name => (r, lag: r.LagBeforeKill(name))))
                .Select(x => new object?[] { x.r.Mode, x.lag.Standby, x.lag.SyncState, x.lag.Samples, x.lag.BytesP50, x.lag.BytesP99, x.lag.BytesMax, x.lag.MsP50, x.lag.MsP99, x.lag.MsMax })));
        finding.Table(FindingTable.Of("Failover after SIGKILL of the primary",
            ["mode", "acked by old primary", "of which after its SIGKILL", "acked lost (RPO)", "in doubt", "promoted", "detection ms", "promotion ms", "re-point ms", "RTO ms", "pg_rewind", "rejoin s", "converged"],
            results.Select(r => new object?[]
            {
                r.Mode, r.AcknowledgedByOldPrimary, r.AcknowledgedByOldPrimaryAfterKill, r.LostAcknowledged.Count, r.InDoubt, r.Failover.NewPrimary,
                r.Failover.Detection.TotalMilliseconds, r.Failover.Promotion.TotalMilliseconds, r.Failover.Repointing.TotalMilliseconds, r.Failover.Rto.TotalMilliseconds,
                r.Rejoin.Rewound ? $"diverged at {r.Rejoin.DivergedAt}" : "no rewind needed", r.Rejoin.Duration.TotalSeconds, r.Converged ? "yes" : "NO",
            })));
        foreach (var r in results) finding.Plot(SavePlot(context, r));

        var syncLag = sync.LagBeforeKill(sync.StandbysAtStart[0]);
        var asyncLag = async.StandbysAtStart.Select(async.LagBeforeKill).MaxBy(l => l.BytesP99)!;
        finding.Figure("RTO synchronous", sync.Failover.Rto.TotalMilliseconds, "ms", key: true)
               .Figure("RTO asynchronous", async.Failover.Rto.TotalMilliseconds, "ms", key: true)
               .Figure("RPO synchronous (acked commits lost)", sync.LostAcknowledged.Count, "commits", key: true, target: "0")
               .Figure("RPO asynchronous (acked commits lost)", async.LostAcknowledged.Count, "commits", key: true)
               .Figure("replay lag p99 of the furthest standby, asynchronous", asyncLag.BytesP99, "bytes", key: true)
               .Figure("replay lag p99 time of that standby, asynchronous", asyncLag.MsP99, "ms")
               .Figure("replay lag p99 of the synchronous standby", syncLag.BytesP99, "bytes")
               .Figure("replay lag p99 time of the synchronous standby", syncLag.MsP99, "ms")
               .Figure("commit latency p50, synchronous", sync.CommitLatency.P50Ms, "ms")
               .Figure("commit latency p50, asynchronous", async.CommitLatency.P50Ms, "ms")
               .Figure("synchronous / asynchronous commit p50", sync.CommitLatency.P50Ms / async.CommitLatency.P50Ms, "×");

        finding.Check(sync.ReplicationAtStart.SequenceEqual([$"{sync.StandbysAtStart[0]}:streaming:sync", $"{sync.StandbysAtStart[1]}:streaming:async"]),
                      $"synchronous setup: one synchronous and one asynchronous standby ({string.Join(", ", sync.ReplicationAtStart)})")
               .Check(async.ReplicationAtStart.Count == 2 && async.ReplicationAtStart.All(s => s.EndsWith(":streaming:async", StringComparison.Ordinal)),
                      $"asynchronous setup: both standbys async ({string.Join(", ", async.ReplicationAtStart)})")
               .Check(results.All(r => r.SlotsAtStart.SequenceEqual(r.StandbysAtStart.Select(s => $"{s}:physical:true"))),
                      "each standby streams through its own active physical slot")
               .Check(sync.LostAcknowledged.Count == 0, $"synchronous replication: no acknowledged commit lost ({sync.AcknowledgedByOldPrimary} acknowledged by the old primary)")
               .Check(results.All(r => r.LostAcknowledgedByNewPrimary.Count == 0), "no commit acknowledged by the new primary is lost")
               .Check(results.All(r => r.OldPrimaryIsStandby && r.FollowersAfter.Count == 2 && r.FollowersAfter.All(f => f.EndsWith(":streaming", StringComparison.Ordinal))),
                      "the old primary rejoined as a streaming follower of the new primary, beside the other replica")
               .Check(results.All(r => r.Converged), "after rejoin all three members hold the same rows")
               .Note($"Workload: {options.Writers} writers, autocommit INSERTs; the primary is killed after {options.CommitsBeforeKill} acknowledged commits; " +
                     $"failover promotes the replica with the highest pg_last_wal_receive_lsn(). Detection = 3 failed health probes 100 ms apart.")
               .Note($"Both scenarios run on one topology: the synchronous one starts with {sync.PrimaryAtStart} as primary; the asynchronous one starts " +
                     $"from its result ({async.PrimaryAtStart} primary, {string.Join(" and ", async.StandbysAtStart)} following), so it is a second failover.")
               .Note($"Asynchronous RPO is measured, not guaranteed: {async.LostAcknowledged.Count} of {async.AcknowledgedByOldPrimary} acknowledged commits were missing after failover here; " +
                     "on loopback the replicas are rarely more than a few kB behind, so the count is often 0 and depends on where the kill lands.")
               .Note("In doubt = INSERTs sent but not acknowledged when the connection broke; they may or may not be on the new primary and are not counted as lost.")
               .Note("SIGKILL hits the postmaster; its backends notice only a moment later, so a commit in flight can still be acknowledged by the old primary " +
                     "after the kill (\"of which after its SIGKILL\"). With asynchronous replication those are the likeliest to be lost.");
        return finding.Build(
            $"Synchronous: RTO {sync.Failover.Rto.TotalMilliseconds:0} ms, {sync.LostAcknowledged.Count} acknowledged commits lost. " +
            $"Asynchronous: RTO {async.Failover.Rto.TotalMilliseconds:0} ms, {async.LostAcknowledged.Count} lost. The old primary rejoined via pg_rewind and all members converged.");
    }

    private static PlotRef SavePlot(ExperimentContext context, FailoverScenarioResult result)
    {
        var plot = new ScottPlot.Plot();
        foreach (var standby in result.Samples.Select(s => s.Standby).Distinct().Order(StringComparer.Ordinal))
        {
            var points = result.Samples.Where(s => s.Standby == standby && s.ReplayLagBytes is not null).ToList();
            if (points.Count == 0) continue;
            var bytes = plot.Add.Scatter(points.Select(p => p.Seconds).ToArray(), points.Select(p => (double)p.ReplayLagBytes!.Value / 1024).ToArray());
            bytes.LegendText = $"{standby} replay lag (KiB)";
            bytes.MarkerSize = 3;
            var ms = plot.Add.Scatter(points.Select(p => p.Seconds).ToArray(), points.Select(p => p.ReplayLagMs ?? 0).ToArray());
            ms.LegendText = $"{standby} replay lag (ms, right)";
            ms.LinePattern = ScottPlot.LinePattern.Dotted;
            ms.MarkerSize = 0;
            ms.Axes.YAxis = plot.Axes.Right;
        }
        var kill = plot.Add.VerticalLine(result.KilledAtSeconds);
        kill.Text = $"SIGKILL {result.Failover.OldPrimary}";
        plot.Title($"Replication lag over time, {result.Mode.ToString().ToLowerInvariant()} ({result.Failover.OldPrimary} killed, {result.Failover.NewPrimary} promoted)");
        plot.XLabel("seconds since monitoring started");
        plot.YLabel("replay lag (KiB behind the primary's WAL)");
        plot.Axes.Right.Label.Text = "replay lag (ms)";
        plot.ShowLegend();
        var name = $"replication-lag-{result.Mode.ToString().ToLowerInvariant()}.png";
        return context.SavePlot(plot, name, $"Replay lag of each standby (bytes and time) under the write workload, {result.Mode}; the vertical line is the kill");
    }
}
