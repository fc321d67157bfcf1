using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Measurement;
using F = StatelessMind.Labs.Consensus.TwoPhaseCommit.TwoPhaseCommitFigureNames;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// 1.1.3-2: two-phase commit over three PostgreSQL clusters. Measures the price of 2PC against a
/// single-database transfer, runs randomized transfers with a crash injected at every step of the
/// protocol (coordinator and participants) and checks the invariant, then measures the blocking an
/// in-doubt transaction causes while the coordinator is down.
/// </summary>
public sealed class TwoPhaseCommitExperiment : IExperiment
{
    public string GoalId => "1.1.3-2";
    public string Title => "Two-phase commit across PostgreSQL clusters with crash injection";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var finding = new FindingBuilder(GoalId, Title);
        context.Report(0, "starting three PostgreSQL clusters (max_prepared_transactions = 20)");
        await using var bed = await TwoPhaseCommitTestbed.StartAsync(participants: 3, cancellationToken: cancellationToken);
        var logDir = Directory.CreateDirectory(Path.Combine(context.OutputDirectory.FullName, "coordinator"));

        // The price of atomicity across databases: the same two-leg transfer, 2PC versus one local transaction.
        context.Report(0.05, "latency: 2PC versus a single-database transfer");
        var samples = context.Size(20, 200);
        var twoPc = new LatencyRecorder();
        var local = new LatencyRecorder();
        using (var log = DecisionLog.Open(Path.Combine(logDir.FullName, "latency.log")))
        {
            var coordinator = new TwoPhaseCoordinator(bed.Participants, log);
            for (var i = 0; i < samples; i++)
            {
                // Alternate so both see the same machine load; each transfer moves 1 back and forth.
                var sign = i % 2 == 0 ? 1 : -1;
                await twoPc.TimeAsync(() => coordinator.ExecuteAsync(new Transfer($"lat2pc-{i}", [new TransferLeg(0, 1, -sign), new TransferLeg(1, 1, sign)]), cancellationToken));
                await local.TimeAsync(() => coordinator.ExecuteSingleDatabaseAsync(new Transfer($"latlocal-{i}", [new TransferLeg(0, 2, -sign), new TransferLeg(0, 3, sign)]), cancellationToken));
            }
        }
        var (twoPcLatency, localLatency) = (twoPc.Summarize(), local.Summarize());
        finding.Figure(F.LatencyRatio, twoPcLatency.P50Ms / localLatency.P50Ms, "×", key: true);

        var runs = context.Size(30, 1000);
        context.Report(0.1, $"{runs} randomized transfers with crashes");
        var run = new RandomizedTransferRun(bed, Path.Combine(logDir.FullName, "randomized.log"));
        var report = await run.RunAsync(runs, context.Seed, new Progress<double>(f => context.Report(0.1 + 0.7 * f, $"randomized transfers {f:P0}")), cancellationToken);
        finding.Figure(F.RandomizedRuns, report.Runs, "transfers", target: "≥ 1000 at full scale");
        finding.Figure(F.TotalDrift, report.FinalTotal - report.ExpectedTotal, "", key: true, target: "= 0");
        finding.Figure(F.AtomicityViolations, report.AtomicityViolations, "transfers", key: true, target: "= 0");
        finding.Figure(F.PreparedLeft, report.PreparedLeftAfterRecovery, "", key: true, target: "= 0");
        finding.Figure(F.OutcomeMismatches, report.OutcomeMismatches, "", target: "= 0");
        finding.Figure(F.CoordinatorCrashes, report.CoordinatorCrashes, "");
        finding.Figure(F.ParticipantRestarts, report.ParticipantRestarts, "");
        finding.Figure(F.RecoveredByCommit, report.RecoveredByCommit, "");
        finding.Figure(F.RecoveredByRollback, report.RecoveredByRollback, "");
        finding.Table(FindingTable.Of("Crashes injected, by step", ["crash point", "transfers", "rule after recovery"],
            report.Injected.Where(kv => kv.Key != CrashPoint.None).Select(kv => new object?[]
                { kv.Key, kv.Value, CrashInjector.MustCommit(kv.Key) ? "committed everywhere" : "aborted everywhere" })));
        foreach (var problem in report.Problems.Take(20)) finding.Note(problem);

        context.Report(0.85, "blocking while the coordinator is down");
        var probe = new BlockingProbe(bed, Path.Combine(logDir.FullName, "blocking.log"));
        var downtimes = context.Size<int[]>([300], [250, 500, 1000, 2000]);
        var blocking = new List<BlockingMeasurement>();
        foreach (var ms in downtimes) blocking.Add(await probe.MeasureAsync(TimeSpan.FromMilliseconds(ms), cancellationToken));
        finding.Figure(F.WriterWaitPerDowntime, blocking.Average(b => b.WriterWait / b.CoordinatorDowntime), "×", key: true, target: "≥ 1");
        finding.Figure(F.LocksHeld, blocking[0].LocksHeld, $"lock-manager entries + {blocking[0].RowsLocked} row lock(s)");
        finding.Table(FindingTable.Of("An in-doubt transaction while the coordinator is down",
            ["coordinator down ms", "writer of the row waited ms", "reader ms", "writer of another row ms", "lock_timeout=100ms gives", "recovery ms"],
            blocking.Select(b => new object?[]
            {
                b.CoordinatorDowntime.TotalMilliseconds, b.WriterWait.TotalMilliseconds, b.ReaderLatency.TotalMilliseconds,
                b.OtherRowWriterLatency.TotalMilliseconds, b.LockTimeoutError ?? "no error", b.RecoveryTime.TotalMilliseconds,
            })));
        finding.Table(FindingTable.Of("Transfer latency (same run)", ["path", "p50 ms", "p99 ms", "samples"],
        [
            ["2PC over two clusters", twoPcLatency.P50Ms, twoPcLatency.P99Ms, twoPcLatency.Count],
            ["one local transaction", localLatency.P50Ms, localLatency.P99Ms, localLatency.Count],
        ]));

        finding.Check(report.FinalTotal == report.ExpectedTotal && report.TotalMismatches == 0, $"the total over the three databases stays {report.ExpectedTotal} at every check");
        finding.Check(report.AtomicityViolations == 0 && report.OutcomeMismatches == 0, "every transfer is applied in all of its databases or in none, as its crash point implies");
        finding.Check(report.PreparedLeftAfterRecovery == 0, "no prepared transaction is left after recovery");
        finding.Check(report.Injected.Where(kv => kv.Key != CrashPoint.None).All(kv => kv.Value > 0), "a crash was injected at every step");
        finding.Check(blocking.All(b => b.WriterWait >= b.CoordinatorDowntime && b.ReaderLatency < b.CoordinatorDowntime),
            "a writer of an in-doubt row waits out the coordinator's downtime; readers do not");
        context.Report(1, "done");
        return finding.Build($"{report.Runs} randomized transfers with {report.CoordinatorCrashes} coordinator crashes and {report.ParticipantRestarts} participant crashes " +
                             $"conserved the total ({report.FinalTotal}); a blocked writer waited {blocking.Average(b => b.WriterWait / b.CoordinatorDowntime):0.00}× the coordinator's downtime.");
    }
}
