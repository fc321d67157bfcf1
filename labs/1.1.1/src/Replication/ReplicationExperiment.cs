using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// 1.1.1-3: a PostgreSQL primary with two streaming replicas, once with a synchronous standby
/// (synchronous_commit = on) and once fully asynchronous. Monitors lag under a write workload, cuts off the standbys
/// the mode does not wait for, keeps committing, SIGKILLs the primary, fails over to the most advanced replica, and
/// measures RTO (kill → first write on the new primary) and RPO (acknowledged commits missing afterwards); then rejoins
/// the old primary with pg_rewind. A third, synchronous run promotes the least advanced replica on purpose, to show
/// that the RPO check catches a failover that skips the choice.
/// </summary>
public sealed class ReplicationExperiment : IExperiment
{
    public string GoalId => "1.1.1-3";
    public string Title => "PostgreSQL leader-follower: replication lag, failover RTO and RPO, rejoin with pg_rewind";

    /// <summary>The scenario results of the last run (tests assert on them directly): synchronous, asynchronous, planted bug.</summary>
    public IReadOnlyList<FailoverScenarioResult> Results { get; private set; } = [];

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new FailoverScenarioOptions
        {
            Writers = context.Size(4, 8),
            CommitsBeforeCut = context.Size(200, 4000),
            CommitsAfterCut = context.Size(40, 400),
            CommitsAfterFailover = context.Size(50, 500),
        };
        var runs = new (ReplicationMode Mode, FailoverScenarioOptions Options, string Label)[]
        {
            (ReplicationMode.Synchronous, options, "synchronous"),
            (ReplicationMode.Asynchronous, options, "asynchronous"),
            (ReplicationMode.Synchronous, options with { Bug = FailoverBug.PromoteLeastAdvanced, Heal = false }, "synchronous, planted bug"),
        };
        var results = new List<FailoverScenarioResult>();
        context.Report(0, "starting a primary and two replicas");
        // One topology for every run: each starts from the previous one's new primary.
        await using (var topology = await ReplicationTopology.StartAsync(new ReplicationTopologyOptions { Mode = runs[0].Mode }, cancellationToken))
        {
            for (var i = 0; i < runs.Length; i++)
            {
                var step = i;
                var progress = new Progress<string>(m => context.Report((step + 0.5) / runs.Length, $"{runs[step].Label}: {m}"));
                results.Add(await FailoverScenario.RunAsync(topology, runs[i].Mode, runs[i].Options, progress, cancellationToken));
            }
        }
        Results = results;
        var sync = results[0];
        var async = results[1];
        var buggy = results[2];
        var healthy = new[] { sync, async };

        var finding = new FindingBuilder(GoalId, Title);
        finding.Table(FindingTable.Of("Replay lag while every standby streamed (from pg_stat_replication)",
            ["mode", "standby", "sync_state", "samples", "bytes p50", "bytes p99", "bytes max", "ms p50", "ms p99", "ms max"],
            healthy.SelectMany(r => r.StandbysAtStart.Select(name => (r, lag: r.LagWhileStreaming(name))))
                .Select(x => new object?[] { x.r.Mode, x.lag.Standby, x.lag.SyncState, x.lag.Samples, x.lag.BytesP50, x.lag.BytesP99, x.lag.BytesMax, x.lag.MsP50, x.lag.MsP99, x.lag.MsMax })));
        finding.Table(FindingTable.Of("Failover after SIGKILL of the primary",
            ["run", "cut off", "acked by old primary", "of which sent after the cut", "of which after its SIGKILL", "acked lost (RPO)", "in doubt", "promoted",
             "detection ms", "promotion ms", "re-point ms", "RTO ms", "pg_rewind", "rejoin s", "converged"],
            results.Select((r, i) => new object?[]
            {
                runs[i].Label, string.Join(", ", r.CutOff.Select(c => $"{c.Key} at {c.Value}")), r.AcknowledgedByOldPrimary, r.AcknowledgedAfterCut.Count,
                r.AcknowledgedByOldPrimaryAfterKill, r.LostAcknowledged.Count, r.InDoubt, r.Failover.NewPrimary,
                r.Failover.Detection.TotalMilliseconds, r.Failover.Promotion.TotalMilliseconds, r.Failover.Repointing.TotalMilliseconds, r.Rto?.TotalMilliseconds,
                r.Rejoin is null ? "not run" : r.Rejoin.Rewound ? $"diverged at {r.Rejoin.DivergedAt}" : "no rewind needed",
                r.Rejoin?.Duration.TotalSeconds, r.Rejoin is null ? "not checked" : r.Converged ? "yes" : "NO",
            })));
        foreach (var (r, label) in results.Zip(runs.Select(x => x.Label))) finding.Plot(SavePlot(context, r, label));

        var syncLag = sync.LagWhileStreaming(sync.StandbysAtStart[0]);
        var asyncLag = async.StandbysAtStart.Select(async.LagWhileStreaming).MaxBy(l => l.BytesP99)!;
        finding.Figure("RTO synchronous", Ms(sync.Rto), "ms", key: true)
               .Figure("RTO asynchronous", Ms(async.Rto), "ms", key: true)
               .Figure("RPO synchronous (acked commits lost)", sync.LostAcknowledged.Count, "commits", key: true, target: "0")
               .Figure("commits acknowledged after the cut, synchronous", sync.AcknowledgedAfterCut.Count, "commits")
               .Figure("RPO asynchronous (acked commits lost)", async.LostAcknowledged.Count, "commits", key: true, target: "> 0")
               .Figure("commits acknowledged after the cut, asynchronous", async.AcknowledgedAfterCut.Count, "commits", key: true)
               .Figure("acked commits lost by promoting the least advanced replica (planted bug)", buggy.LostAcknowledged.Count, "commits", key: true, target: "> 0")
               .Figure("replay lag p99 of the furthest standby, asynchronous", asyncLag.BytesP99, "bytes", key: true)
               .Figure("replay lag p99 time of that standby, asynchronous", asyncLag.MsP99, "ms")
               .Figure("replay lag p99 of the synchronous standby", syncLag.BytesP99, "bytes")
               .Figure("replay lag p99 time of the synchronous standby", syncLag.MsP99, "ms")
               .Figure("commit latency p50, synchronous", sync.CommitLatency.P50Ms, "ms")
               .Figure("commit latency p50, asynchronous", async.CommitLatency.P50Ms, "ms")
               .Figure("synchronous / asynchronous commit p50", sync.CommitLatency.P50Ms / async.CommitLatency.P50Ms, "×", key: true)
               .Figure("rejoin with pg_rewind until streaming, synchronous", sync.Rejoin?.Duration.TotalSeconds ?? double.NaN, "s")
               .Figure("rejoin with pg_rewind until streaming, asynchronous", async.Rejoin?.Duration.TotalSeconds ?? double.NaN, "s");

        finding.Check(sync.ReplicationAtStart.SequenceEqual([$"{sync.StandbysAtStart[0]}:streaming:sync", $"{sync.StandbysAtStart[1]}:streaming:async"]),
                      $"synchronous setup: one synchronous and one asynchronous standby ({string.Join(", ", sync.ReplicationAtStart)})")
               .Check(async.ReplicationAtStart.Count == 2 && async.ReplicationAtStart.All(s => s.EndsWith(":streaming:async", StringComparison.Ordinal)),
                      $"asynchronous setup: both standbys async ({string.Join(", ", async.ReplicationAtStart)})")
               .Check(results.All(r => r.SlotsAtStart.SequenceEqual(r.StandbysAtStart.Select(s => $"{s}:physical:true"))),
                      "each standby streams through its own active physical slot")
               .Check(healthy.All(r => r.StandbysAtStart.All(s => r.LagWhileStreaming(s).Samples >= options.MinimumLagSamples))
                      && healthy.All(r => r.Samples.Any(s => s.SentLsn is not null && s.ReplayLsn is not null && s.ReceiverStatus == "streaming" && s.StandbyReplayedLsn is not null)),
                      $"the monitor read LSNs and lag from both ends, at least {options.MinimumLagSamples} samples of each streaming standby before the cut")
               .Check(async.CutOff.TryGetValue(async.Failover.NewPrimary, out var cutLsn) && async.Failover.ReceivedLsns[async.Failover.NewPrimary] == cutLsn,
                      $"the cut held: the promoted asynchronous standby had received nothing after it ({async.Failover.NewPrimary} at {async.Failover.ReceivedLsns.GetValueOrDefault(async.Failover.NewPrimary)})")
               .Check(sync.LostAcknowledged.Count == 0 && sync.AcknowledgedAfterCut.Count >= options.CommitsAfterCut,
                      $"synchronous replication lost no acknowledged commit ({sync.LostAcknowledged.Count} of {sync.AcknowledgedByOldPrimary}), " +
                      $"though {sync.AcknowledgedAfterCut.Count} were acknowledged after the asynchronous standby was cut off")
               .Check(async.AcknowledgedAfterCut.Count >= options.CommitsAfterCut && async.LostAfterCut.Count == async.AcknowledgedAfterCut.Count,
                      $"asynchronous replication lost acknowledged commits: all {async.AcknowledgedAfterCut.Count} acknowledged after both standbys were cut off " +
                      $"({async.LostAcknowledged.Count} lost in all)")
               .Check(healthy.All(r => r.LostAcknowledgedByNewPrimary.Count == 0), "no commit acknowledged by the new primary is lost")
               .Check(healthy.All(r => r.OldPrimaryIsStandby && r.FollowersAfter.Count == 2 && r.FollowersAfter.All(f => f.EndsWith(":streaming", StringComparison.Ordinal))),
                      "the old primary rejoined as a streaming follower of the new primary, beside the other replica")
               .Check(healthy.All(r => r.Converged), "after rejoin all three members hold the same rows")
               .Check(buggy.LostAcknowledged.Count > 0 && buggy.LostAfterCut.Count == buggy.AcknowledgedAfterCut.Count,
                      $"the RPO check catches a planted failover bug: promoting the least advanced replica ({buggy.Failover.NewPrimary}) " +
                      $"lost {buggy.LostAcknowledged.Count} acknowledged commits of a synchronous primary")
               .Note($"Workload: {options.Writers} writers, autocommit INSERTs. Before the kill, the standbys the mode does not wait for are cut off " +
                     "(primary_conninfo pointed at a closed port): both in asynchronous mode, the asynchronous one in synchronous mode; the primary is killed once " +
                     $"{options.CommitsAfterCut} commits sent after the cut were acknowledged. Failover promotes the replica with the highest pg_last_wal_receive_lsn(). " +
                     "Detection = 3 failed health probes 100 ms apart.")
               .Note($"The runs share one topology: the synchronous one starts with {sync.PrimaryAtStart} as primary; each later run starts from the previous one's " +
                     $"new primary ({async.PrimaryAtStart}, then {buggy.PrimaryAtStart}). The planted-bug run is last: it leaves a replica that cannot follow the wrong primary.")
               .Note("In doubt = INSERTs sent but not acknowledged when the connection broke; they may or may not be on the new primary and are not counted as lost.")
               .Note("SIGKILL hits the postmaster; its backends notice only a moment later, so a commit in flight can still be acknowledged by the old primary " +
                     "after the kill (\"of which after its SIGKILL\"). Commits are attributed by the member that acknowledged them.");
        return finding.Build(
            $"Synchronous: RTO {Ms(sync.Rto):0} ms, {sync.LostAcknowledged.Count} of {sync.AcknowledgedByOldPrimary} acknowledged commits lost. " +
            $"Asynchronous: RTO {Ms(async.Rto):0} ms, {async.LostAcknowledged.Count} of {async.AcknowledgedByOldPrimary} lost ({async.AcknowledgedAfterCut.Count} acknowledged after the cut). " +
            $"Promoting the least advanced replica of a synchronous primary: {buggy.LostAcknowledged.Count} lost.");
    }

    private static double Ms(TimeSpan? t) => t?.TotalMilliseconds ?? double.NaN;

    private static PlotRef SavePlot(ExperimentContext context, FailoverScenarioResult result, string label)
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
        var cut = plot.Add.VerticalLine(result.CutAtSeconds);
        cut.Text = $"cut off {string.Join(", ", result.CutOff.Keys)}";
        cut.LinePattern = ScottPlot.LinePattern.Dashed;
        var kill = plot.Add.VerticalLine(result.KilledAtSeconds);
        kill.Text = $"SIGKILL {result.Failover.OldPrimary}";
        plot.Title($"Replication lag over time, {label} ({result.Failover.OldPrimary} killed, {result.Failover.NewPrimary} promoted)");
        plot.XLabel("seconds since monitoring started");
        plot.YLabel("replay lag (KiB behind the primary's WAL)");
        plot.Axes.Right.Label.Text = "replay lag (ms)";
        plot.ShowLegend();
        var name = $"replication-lag-{label.Replace(", ", "-", StringComparison.Ordinal).Replace(' ', '-')}.png";
        return context.SavePlot(plot, name, $"Replay lag of each standby (bytes and time) under the write workload, {label}; dashed: the cut, solid: the kill");
    }
}
