using System.Data;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>
/// 1.1.3-1: the anomaly matrix at the three isolation levels on real PostgreSQL, compared cell by
/// cell with the documented outcome; then eventual versus strong reads on real streaming replicas.
/// </summary>
public sealed class IsolationExperiment : IExperiment
{
    public string GoalId => "1.1.3-1";
    public string Title => "Isolation anomalies and replica read consistency on PostgreSQL";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var finding = new FindingBuilder(GoalId, Title);
        var server = await context.Services.PostgresAsync(cancellationToken);
        var database = await server.CreateDatabaseAsync("anomalies", cancellationToken);

        context.Report(0.05, "anomaly matrix");
        var matrix = new AnomalyMatrix(database);
        var outcomes = await matrix.RunAllAsync(new Progress<string>(_ => { }), cancellationToken);
        var anomalies = Enum.GetValues<Anomaly>().Length;
        var matching = outcomes.Count(o => o.MatchesDocumentation);
        finding.Figure(IsolationFigureNames.CellsAsDocumented, matching, $"of {outcomes.Count}", key: true, target: $"= {outcomes.Count}");
        foreach (var (level, name) in new[]
                 {
                     (IsolationLevel.ReadCommitted, IsolationFigureNames.AnomaliesReadCommitted),
                     (IsolationLevel.RepeatableRead, IsolationFigureNames.AnomaliesRepeatableRead),
                     (IsolationLevel.Serializable, IsolationFigureNames.AnomaliesSerializable),
                 })
            finding.Figure(name, outcomes.Count(o => o.Level == level && o.Observed), $"of {anomalies}", key: level != IsolationLevel.ReadCommitted);
        var bySnapshot = outcomes.Count(o => o.Prevention == Prevention.Snapshot);
        finding.Figure(IsolationFigureNames.SnapshotCells, bySnapshot, $"of {outcomes.Count}");
        finding.Table(FindingTable.Of("Anomaly matrix (real concurrent sessions)",
            ["anomaly", .. DocumentedOutcomes.Levels.Select(DocumentedOutcomes.LevelName)],
            Enum.GetValues<Anomaly>().Select(a => (IEnumerable<object?>)[a.ToString(), .. DocumentedOutcomes.Levels.Select(l => (object?)outcomes.Single(o => o.Anomaly == a && o.Level == l).Verdict)])));
        finding.Table(FindingTable.Of("What the sessions saw", ["anomaly", "level", "detail"],
            outcomes.Select(o => new object?[] { o.Anomaly, DocumentedOutcomes.LevelName(o.Level), o.Detail })));
        foreach (var o in outcomes.Where(o => !o.MatchesDocumentation))
            finding.Note($"{o.Anomaly} at {DocumentedOutcomes.LevelName(o.Level)}: expected {DocumentedOutcomes.Of(o.Anomaly, o.Level)}, got {o.Verdict} — {o.Detail}");
        finding.Check(matching == outcomes.Count, $"every cell of the matrix shows PostgreSQL's documented outcome ({matching} of {outcomes.Count})");
        finding.Check(outcomes.Where(o => o.Level == IsolationLevel.Serializable).All(o => !o.Observed), "SERIALIZABLE lets no anomaly through");
        finding.Check(outcomes.All(o => o.Prevention != Prevention.Unexplained), "every prevented anomaly was seen prevented by a snapshot read, a lock wait or a 40001");

        // The comparison must be able to fail: the same SERIALIZABLE column with sessions that ignore the requested level.
        context.Report(0.3, "planted bug: sessions that ignore the requested isolation level");
        var planted = await new AnomalyMatrix(database, IsolationBug.LevelIgnored)
            .RunAllAsync(null, cancellationToken, [IsolationLevel.Serializable]);
        var caught = planted.Count(o => !o.MatchesDocumentation);
        finding.Figure(IsolationFigureNames.PlantedBugCells, caught, $"of {planted.Count} SERIALIZABLE cells", key: true);
        finding.Check(caught > 0, $"a planted client bug (every session at READ COMMITTED) makes SERIALIZABLE cells disagree with the documentation ({caught} of {planted.Count})");

        context.Report(0.4, "replicas: starting a primary, a sync and an async standby");
        var writes = context.Size(200, 2000);
        await using var probe = await ReplicaReadProbe.StartAsync(cancellationToken);
        context.Report(0.5, $"replicas: {writes} writes, synchronous_commit = local");
        var local = await probe.RunAsync(writes, "local", cancellationToken);
        context.Report(0.75, $"replicas: {writes} writes, synchronous_commit = remote_apply");
        var remoteApply = await probe.RunAsync(writes, "remote_apply", cancellationToken);

        var asyncCounts = remoteApply.For(ReadTarget.AsyncReplica);
        finding.Figure(IsolationFigureNames.AsyncStaleReads, 100.0 * local.For(ReadTarget.AsyncReplica).StaleFraction, "% of reads", key: true);
        finding.Figure(IsolationFigureNames.AsyncRywViolations, local.For(ReadTarget.AsyncReplica).ReadYourWritesViolations, $"of {writes} writes", key: true);
        finding.Figure(IsolationFigureNames.SyncStaleReads, remoteApply.For(ReadTarget.SyncReplica).StaleReads + remoteApply.For(ReadTarget.SyncReplica).ReadYourWritesViolations,
            $"of {2 * writes} reads", key: true, target: "= 0");
        finding.Figure(IsolationFigureNames.PrimaryStaleReads, local.For(ReadTarget.Primary).StaleReads + remoteApply.For(ReadTarget.Primary).StaleReads
            + local.For(ReadTarget.Primary).ReadYourWritesViolations + remoteApply.For(ReadTarget.Primary).ReadYourWritesViolations, $"of {4 * writes} reads", key: true, target: "= 0");
        finding.Figure(IsolationFigureNames.AsyncConvergenceP50, local.AsyncVisibleAfter.P50Ms, "ms");
        finding.Figure(IsolationFigureNames.RemoteApplyCommitCost, remoteApply.CommitLatency.P50Ms / local.CommitLatency.P50Ms, "× (p50)", key: true);
        finding.Table(FindingTable.Of("Reads right after an acknowledged write (RYW: the writer's own read; stale: another client's)",
            ["synchronous_commit", "target", "reads", "RYW violations", "stale reads", "stale %"],
            new[] { local, remoteApply }.SelectMany(r => r.Targets.Select(t => new object?[]
                { r.SynchronousCommit, t.Target, t.Reads, t.ReadYourWritesViolations, t.StaleReads, 100.0 * t.StaleFraction }))));
        finding.Table(FindingTable.Of("Latencies", ["synchronous_commit", "commit p50 ms", "commit p99 ms", "async replica visible after p50 ms", "p99 ms", "samples"],
            new[] { local, remoteApply }.Select(r => new object?[]
                { r.SynchronousCommit, r.CommitLatency.P50Ms, r.CommitLatency.P99Ms, r.AsyncVisibleAfter.P50Ms, r.AsyncVisibleAfter.P99Ms, r.AsyncVisibleAfter.Count })));
        finding.Note($"Under remote_apply the async replica still showed {asyncCounts.StaleReads} stale reads of {asyncCounts.Reads}: only the named standby is waited for.");

        var strongClean = remoteApply.For(ReadTarget.Primary) is { StaleReads: 0, ReadYourWritesViolations: 0 }
                          && local.For(ReadTarget.Primary) is { StaleReads: 0, ReadYourWritesViolations: 0 }
                          && remoteApply.For(ReadTarget.SyncReplica) is { StaleReads: 0, ReadYourWritesViolations: 0 };
        finding.Check(strongClean, "strong reads (the primary; the sync replica under remote_apply) show no stale value and no read-your-writes violation");
        var asyncLocal = local.For(ReadTarget.AsyncReplica);
        finding.Check(asyncLocal.StaleReads + asyncLocal.ReadYourWritesViolations > 0, "the async replica shows stale reads / read-your-writes violations (eventual consistency)");
        context.Report(1, "done");
        return finding.Build(
            $"{outcomes.Count} matrix cells ({anomalies} anomalies at three levels) on real sessions, {matching} as documented; {caught} SERIALIZABLE cells off with the planted level bug; " +
            $"{2 * writes} writes read back from a primary, a sync and an async standby: {100.0 * asyncLocal.StaleFraction:0.#}% of async-replica reads stale under synchronous_commit = local.");
    }
}
