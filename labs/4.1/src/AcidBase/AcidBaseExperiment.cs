using ScottPlot;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.DatabaseTheory.Leaderless;
using StatelessMind.Labs.DatabaseTheory.Mongo;
using F = StatelessMind.Labs.DatabaseTheory.AcidBase.AcidBaseFigureNames;

namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>
/// 4.1-2: the same workload on an ACID store (PostgreSQL, synchronous standby) and on BASE stores
/// (Redis with an asynchronous replica, with and without WAIT; a leaderless Dynamo-style store with
/// tunable N, R, W; MongoDB when MONGODB_URI is set): stale reads, acknowledged writes lost at failover,
/// availability under partition, latency, and convergence over time.
/// </summary>
public sealed class AcidBaseExperiment : IExperiment
{
    public static readonly TimeSpan LinkDelay = TimeSpan.FromMilliseconds(5);
    private static readonly double[] Delays = [0, 1, 2, 5, 10, 20, 50, 100];

    /// <summary>How far behind the slow coordinator's clock runs in the clock-skew scenario.</summary>
    public const double SkewMs = 50;

    public string GoalId => "4.1-2";
    public string Title => "ACID vs BASE: PostgreSQL, Redis, a leaderless quorum store (and MongoDB)";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var finding = new FindingBuilder(GoalId, Title);
        var workload = new ReplicationWorkloadOptions
        {
            HealthyWrites = context.Size(60, 500),
            PartitionDuration = context.Size(TimeSpan.FromSeconds(0.6), TimeSpan.FromSeconds(3)),
        };
        finding.Figure(F.LinkDelay, LinkDelay.TotalMilliseconds, "ms", key: true);

        var outcomes = new List<ReplicationOutcome>();
        var stores = new Func<Task<IReplicatedStore>>[]
        {
            async () => await PostgresSyncStore.StartAsync(LinkDelay, cancellationToken),
            async () => await RedisAsyncStore.StartAsync(LinkDelay, useWait: false, cancellationToken),
            async () => await RedisAsyncStore.StartAsync(LinkDelay, useWait: true, cancellationToken),
        };
        for (var i = 0; i < stores.Length; i++)
        {
            context.Report(0.05 + 0.2 * i, $"replicated store {i + 1} of {stores.Length}");
            await using var store = await stores[i]();
            outcomes.Add(await ReplicationWorkload.RunAsync(store, workload, cancellationToken));
        }
        var (pg, redis, wait) = (outcomes[0], outcomes[1], outcomes[2]);
        finding.Figure(F.PostgresLost, pg.AckedLost, "writes", key: true, target: "= 0");
        finding.Figure(F.PostgresPartitionAcked, pg.PartitionAcked, $"of {pg.PartitionAttempts}", key: true);
        finding.Figure(F.PostgresStale, pg.StaleReplicaReads, $"of {pg.HealthyAcked}", target: "= 0");
        finding.Figure(F.PostgresLatency, pg.WriteLatency.P50Ms, "ms");
        finding.Figure(F.RedisLost, redis.AckedLost, "writes", key: true);
        finding.Figure(F.RedisPartitionAcked, redis.PartitionAcked, $"of {redis.PartitionAttempts}", key: true);
        finding.Figure(F.RedisStale, 100.0 * redis.StaleFraction, "% of reads", key: true);
        finding.Figure(F.RedisConvergence, redis.ReplicaVisibleAfter.P50Ms, "ms", key: true);
        finding.Figure(F.RedisLatency, redis.WriteLatency.P50Ms, "ms");
        finding.Figure(F.RedisWaitLost, wait.AckedLost, "writes", key: true, target: "= 0");
        finding.Figure(F.WaitCost, wait.WriteLatency.P50Ms / redis.WriteLatency.P50Ms, "×", key: true);
        finding.Figure(F.SyncCost, pg.WriteLatency.P50Ms / redis.WriteLatency.P50Ms, "×", key: true);
        finding.Table(FindingTable.Of($"The same workload, replication link {LinkDelay.TotalMilliseconds} ms each way",
            ["store", "write p50 ms", "write p99 ms", "stale replica reads", "replica visible after p50 ms", "acked during partition", "acked writes lost at failover", "unacked but kept"],
            outcomes.Select(o => new object?[]
            {
                o.Store, o.WriteLatency.P50Ms, o.WriteLatency.P99Ms, $"{o.StaleReplicaReads} of {o.HealthyAcked}", o.ReplicaVisibleAfter.Count > 0 ? o.ReplicaVisibleAfter.P50Ms : "—",
                $"{o.PartitionAcked} of {o.PartitionAttempts}", o.AckedLost, o.UnacknowledgedApplied,
            })));

        context.Report(0.7, "leaderless store: stale reads over time");
        var trials = context.Size(150, 600);
        var configs = new[] { (R: 1, W: 1), (R: 1, W: 2), (R: 2, W: 2), (R: 1, W: 3) };
        var curves = configs.Select((c, i) => LeaderlessProbe.StaleReadsOverTime(new DynamoOptions { R = c.R, W = c.W }, Delays, trials, context.Seed + i)).ToList();
        var r1w1 = curves[0];
        var r2w2 = curves[2];
        finding.Figure(F.LeaderlessStaleR1W1, r1w1[0].StalePercent, "% of reads", key: true);
        finding.Figure(F.LeaderlessStaleR2W2, r2w2[0].StalePercent, "% of reads", key: true, target: "= 0");
        var converged = r1w1.FirstOrDefault(p => r1w1.Where(q => q.DelayMs >= p.DelayMs).All(q => q.Stale == 0));
        finding.Figure(F.LeaderlessConverged, converged?.DelayMs ?? double.NaN, "ms", key: true);
        finding.Table(FindingTable.Of("Leaderless store (6 nodes, N = 3): % of reads older than the acknowledged write, by delay after the acknowledgement",
            ["config", "R+W>N", .. Delays.Select(d => $"{d} ms")],
            curves.Select(c => (IEnumerable<object?>)[c[0].Config, IsStrict(c[0].Config), .. c.Select(p => (object?)p.StalePercent)])));
        finding.Plot(context.SavePlot(ConvergencePlot(curves), "leaderless-convergence.png",
            "Stale reads against the time since the write was acknowledged, for four quorum settings (N = 3): only R + W ≤ N reads stale values, and less so as replication catches up."));

        context.Report(0.8, "leaderless store: sloppy versus strict quorum under an outage");
        var sloppy = LeaderlessProbe.Outage(new DynamoOptions { R = 2, W = 2, SloppyQuorum = true }, trials, context.Seed);
        var strict = LeaderlessProbe.Outage(new DynamoOptions { R = 2, W = 2, SloppyQuorum = false }, trials, context.Seed);
        finding.Figure(F.SloppyAvailable, 100.0 * sloppy.WritesAccepted / sloppy.Trials, "%", key: true);
        finding.Figure(F.StrictAvailable, 100.0 * strict.WritesAccepted / strict.Trials, "%", key: true, target: "= 0");
        finding.Figure(F.SloppyStale, sloppy.ReadsChecked == 0 ? double.NaN : 100.0 * sloppy.StaleRightAfterRecovery / sloppy.ReadsChecked, "% of reads", key: true);
        finding.Figure(F.SloppyStaleAfterHandoff, sloppy.StaleAfterHandoff, $"of {sloppy.ReadsChecked} reads", key: true, target: "= 0");
        finding.Table(FindingTable.Of("Two of a key's three replicas down during the write (N = 3, R = 2, W = 2)",
            ["mode", "writes accepted", "stale reads right after recovery", "stale reads 300 ms later", "failed reads", "hints handed off"],
            new[] { sloppy, strict }.Select(o => new object?[] { o.Mode, $"{o.WritesAccepted} of {o.Trials}", $"{o.StaleRightAfterRecovery} of {o.ReadsChecked}", $"{o.StaleAfterHandoff} of {o.ReadsChecked}", o.FailedReads, o.HintsHandedOff })));

        context.Report(0.9, "leaderless store: conflicting writes under last-writer-wins and vector clocks");
        var conflicts = new List<ConflictOutcome>();
        foreach (var mode in new[] { VersioningMode.LastWriterWins, VersioningMode.VectorClocks })
        {
            var options = new DynamoOptions { R = 2, W = 2, Versioning = mode };
            conflicts.Add(LeaderlessProbe.ConcurrentWriters(options, trials, context.Seed));
            conflicts.Add(LeaderlessProbe.SkewedClock(options, trials, context.Seed, SkewMs));
        }
        ConflictOutcome Conflict(string scenario, VersioningMode mode) => conflicts.Single(c => c.Scenario == scenario && c.Versioning == mode);
        var (lwwConcurrent, vcConcurrent) = (Conflict("concurrent writers", VersioningMode.LastWriterWins), Conflict("concurrent writers", VersioningMode.VectorClocks));
        var (lwwSkew, vcSkew) = (Conflict("clock skew", VersioningMode.LastWriterWins), Conflict("clock skew", VersioningMode.VectorClocks));
        finding.Figure(F.ConcurrentLostLww, lwwConcurrent.WritesLost, $"of {lwwConcurrent.WritesAcknowledged} writes", key: true);
        finding.Figure(F.ConcurrentLostVectorClocks, vcConcurrent.WritesLost, $"of {vcConcurrent.WritesAcknowledged} writes", key: true, target: "= 0");
        finding.Figure(F.ConcurrentSiblings, vcConcurrent.ReadsWithSiblings, $"of {vcConcurrent.Trials} reads", key: true);
        finding.Figure(F.SkewLostLww, lwwSkew.WritesLost, $"of {lwwSkew.Trials} later writes", key: true);
        finding.Figure(F.SkewLostVectorClocks, vcSkew.WritesLost, $"of {vcSkew.Trials} later writes", key: true, target: "= 0");
        finding.Table(FindingTable.Of($"Conflicting writes (N = 3, R = 2, W = 2): two clients adding to one cart at the same instant; a write, then a later one through a coordinator whose clock is {SkewMs} ms behind",
            ["scenario", "versioning", "trials", "writes acknowledged", "acknowledged writes lost", "final reads with siblings", "failed reads"],
            conflicts.Select(c => new object?[] { c.Scenario, c.Versioning, c.Trials, c.WritesAcknowledged, c.WritesLost, c.ReadsWithSiblings, c.FailedReads })));

        if (MongoProbe.ConfiguredUri is { } uri)
        {
            context.Report(0.95, "MongoDB: w:1 versus w:majority");
            var mongo = await MongoProbe.RunAsync(uri, context.Size(100, 500), cancellationToken);
            finding.Table(FindingTable.Of("MongoDB (MONGODB_URI)", ["write concern", "write p50 ms", "write p99 ms", "reads from a secondary that missed the write", "replica set"],
                mongo.Select(m => new object?[] { m.WriteConcern, m.WriteLatency.P50Ms, m.WriteLatency.P99Ms, $"{m.StaleSecondaryReads} of {m.Writes}", m.ReplicaSet })));
        }
        else
        {
            finding.Excused("the MongoDB workload", $"{MongoProbe.UriVariable} is not set (no MongoDB server runs on this machine; `make up` starts one in docker compose)");
        }

        finding.Check(pg.AckedLost == 0 && pg.PartitionAcked == 0 && pg.StaleReplicaReads == 0,
            "PostgreSQL with a synchronous standby: no stale replica read, no write acknowledged during the partition, none lost at failover");
        finding.Check(redis.AckedLost > 0 && redis.StaleReplicaReads > 0,
            "Redis with an asynchronous replica: stale replica reads, and writes acknowledged during the partition lost at failover");
        finding.Check(wait.AckedLost == 0, "Redis with WAIT 1: no confirmed write lost at failover");
        var failedReads = curves.Sum(c => c.Sum(p => p.FailedReads)) + sloppy.FailedReads + strict.FailedReads + conflicts.Sum(c => c.FailedReads);
        finding.Check(failedReads == 0 && curves.All(c => c.All(p => p.Reads + p.WritesRefused == trials)),
            $"every leaderless read that was attempted answered ({failedReads} failed), so no stale read hides among dropped ones");
        finding.Check(curves.Where(c => IsStrict(c[0].Config)).All(c => c.All(p => p.Stale == 0)), "leaderless, R + W > N: no stale read at any delay");
        finding.Check(r1w1[0].Stale > 0 && r1w1[^1].Stale == 0, "leaderless, R + W ≤ N: stale reads right after the write, none once replication has caught up");
        finding.Check(sloppy.WritesAccepted == sloppy.Trials && sloppy.StaleAfterHandoff == 0 && sloppy.ReadsChecked == sloppy.WritesAccepted,
            "sloppy quorum stays writable through the outage and converges by hinted handoff");
        finding.Check(strict.WritesAccepted == 0, $"the strict quorum refuses every write with two of three replicas down ({strict.WritesAccepted} of {strict.Trials} accepted)");
        finding.Check(lwwConcurrent.WritesLost > 0 && lwwSkew.WritesLost > 0, "last-writer-wins silently loses acknowledged writes, to concurrent writers and to a skewed clock");
        finding.Check(vcConcurrent.WritesLost == 0 && vcSkew.WritesLost == 0 && vcConcurrent.ReadsWithSiblings > 0,
            "vector clocks lose no acknowledged write: concurrent ones come back as siblings, the later write through the slow clock wins");
        context.Report(1, "done");
        return finding.Build(
            $"At failover PostgreSQL (sync) lost {pg.AckedLost} acknowledged writes, having acknowledged {pg.PartitionAcked} of {pg.PartitionAttempts} during the partition; Redis (async) lost {redis.AckedLost} " +
            $"and served {100.0 * redis.StaleFraction:0.#}% stale replica reads; WAIT cost {wait.WriteLatency.P50Ms / redis.WriteLatency.P50Ms:0.#}× latency and lost {wait.AckedLost}. " +
            $"Leaderless: R=1 W=1 reads {r1w1[0].StalePercent:0.#}% stale at once, R=2 W=2 {r2w2[0].StalePercent:0.#}%; conflicting writes lost: " +
            $"{lwwConcurrent.WritesLost + lwwSkew.WritesLost} under last-writer-wins, {vcConcurrent.WritesLost + vcSkew.WritesLost} under vector clocks.");
    }

    private static bool IsStrict(string config)
    {
        var parts = config.Split(' ').Select(p => int.Parse(p[2..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return parts[1] + parts[2] > parts[0];
    }

    private static Plot ConvergencePlot(IReadOnlyList<IReadOnlyList<StaleReadPoint>> curves)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < curves.Count; i++)
        {
            var c = curves[i];
            // Delay 0 is drawn at 0.5 ms so the axis can be logarithmic.
            var scatter = plot.Add.Scatter(c.Select(p => Math.Log10(Math.Max(p.DelayMs, 0.5))).ToArray(), c.Select(p => p.StalePercent).ToArray(), palette.GetColor(i));
            scatter.LegendText = $"{c[0].Config}{(IsStrict(c[0].Config) ? " (R+W>N)" : "")}";
            scatter.LineWidth = 2;
            scatter.MarkerSize = 6;
        }
        var ticks = new[] { 0.5, 1, 2, 5, 10, 20, 50, 100 };
        plot.Axes.Bottom.SetTicks(ticks.Select(Math.Log10).ToArray(), ticks.Select(t => t == 0.5 ? "0" : t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Title("Leaderless store: stale reads after an acknowledged write");
        plot.XLabel("read issued this many ms after the write's acknowledgement (log scale)");
        plot.YLabel("% of reads returning the older value");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
