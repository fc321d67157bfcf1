using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>
/// 1.1.1-2: the C journal under SIGKILL at many random points (a quarter of them followed by a power cut
/// that destroys unsynced bytes), then SIGTERM and SIGINT, then crashes by SIGSEGV (null pointer and
/// stack overflow) and SIGBUS. Counts the acknowledged records lost (must be 0), the corrupt records
/// left (must be 0), the work lost per crash, and the recovery time.
/// </summary>
public sealed class CrashRecoveryExperiment : IExperiment
{
    public string GoalId => "1.1.1-2";
    public string Title => "Crash recovery in C: SIGKILL at random points, clean SIGTERM checkpoints, crash markers";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var program = JournalProgram.Locate();
        var root = Path.Combine(context.OutputDirectory.FullName, "journal");
        Directory.CreateDirectory(root);
        var options = new CrashDrillOptions { KillPoints = context.Size(30, 300), Seed = context.Seed };
        var progress = new Progress<double>(f => context.Report(f * 0.85, $"SIGKILL drill: {f:P0}"));
        var drill = await CrashDrill.RunAsync(program, Path.Combine(root, "kill-drill"), options, progress, cancellationToken);

        context.Report(0.9, "SIGTERM, SIGINT and crash signals");
        var term = await CrashDrill.StopGracefullyAsync(program, Path.Combine(root, "sigterm"), HostCommands.SIGTERM, cancellationToken: cancellationToken);
        var intr = await CrashDrill.StopGracefullyAsync(program, Path.Combine(root, "sigint"), HostCommands.SIGINT, cancellationToken: cancellationToken);
        var crashes = new List<(string Fault, int Exit, RecoveryReport Report)>();
        foreach (var fault in new[] { "segv-null", "segv-stack", "sigbus" })
            crashes.Add(await CrashBySignalAsync(program, Path.Combine(root, fault), fault, cancellationToken));

        // The loss check must be able to fail: the same drill on a disk that loses what it acknowledged syncing.
        context.Report(0.97, "planted fault: a disk that loses synced writes");
        var lying = await CrashDrill.RunAsync(program, Path.Combine(root, "bug-disk-loses-synced-writes"),
            options with { KillPoints = context.Size(12, 30), PowerLossShare = 1, Bug = JournalDrillBug.DiskLosesSyncedWrites }, cancellationToken: cancellationToken);

        var points = drill.Points.Where(p => p.NextRecovery is not null).ToList();
        var recoveries = points.Select(p => p.NextRecovery!).ToList();
        var finding = new FindingBuilder(GoalId, Title);
        finding.Table(FindingTable.Of("Kill points by moment",
            ["killed", "points", "power cuts", "mean discarded records", "mean unacked records that survived", "max recovery µs"],
            points.GroupBy(p => p.When.StartsWith("after-", StringComparison.Ordinal) && p.When.EndsWith("-acks", StringComparison.Ordinal) ? "after 1-5 acks" : p.When)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new object?[]
                {
                    g.Key, g.Count(), g.Count(p => p.PowerCut), g.Average(p => (double)p.NextRecovery!.DiscardedRecords),
                    g.Average(p => (double)p.UnacknowledgedSurvivors), g.Max(p => p.NextRecovery!.RecoveryMicroseconds),
                })));
        finding.Table(FindingTable.Of("Stops and crashes by signal",
            ["signal", "exit code", "next start reports", "replayed", "discarded bytes"],
            new[]
            {
                new object?[] { "SIGTERM", term.ExitCode, $"previous_run={term.NextRecovery.PreviousRun}", term.NextRecovery.Replayed, term.NextRecovery.DiscardedBytes },
                new object?[] { "SIGINT", intr.ExitCode, $"previous_run={intr.NextRecovery.PreviousRun}", intr.NextRecovery.Replayed, intr.NextRecovery.DiscardedBytes },
            }.Concat(crashes.Select(c => new object?[]
            {
                c.Fault, c.Exit, $"previous_run={c.Report.PreviousRun} crash_signal={c.Report.CrashSignal}", c.Report.Replayed, c.Report.DiscardedBytes,
            }))));
        finding.Plot(SavePlot(context, points));

        var recoveryUs = recoveries.Select(r => (double)r.RecoveryMicroseconds).Order().ToList();
        finding.Figure("kill points", points.Count, "", key: true)
               .Figure("acknowledged records lost", drill.PointsThatLostAcknowledged.Count + Math.Max(0, drill.MaxAckedSeq - drill.File.LastSeq), "", key: true, target: "0")
               .Figure("corrupt records left after recovery", drill.File.IsClean ? 0 : 1, "", key: true, target: "0")
               .Figure("acknowledged records at the end", drill.MaxAckedSeq, "")
               .Figure("torn records discarded per crash (mean)", recoveries.Average(r => (double)r.DiscardedRecords), "records", key: true)
               .Figure("unacknowledged records that survived per crash (mean)", points.Average(p => (double)p.UnacknowledgedSurvivors), "records")
               .Figure("recovery time p50", Percentile(recoveryUs, 0.5), "µs")
               .Figure("recovery time p99", Percentile(recoveryUs, 0.99), "µs", key: true)
               .Figure("records replayed per recovery (max)", recoveries.Max(r => r.Replayed), "records", key: true,
                       target: $"≤ {(long)options.CheckpointEvery * options.Batch + options.Batch}");

        finding.Check(drill.NoAcknowledgedRecordLost, $"no acknowledged record lost over {points.Count} kills (highest acknowledged seq {drill.MaxAckedSeq}, journal ends at seq {drill.File.LastSeq})")
               .Check(drill.NoCorruptRecordLeft, $"the journal holds only valid records and the program's state matches an independent replay ({drill.File.Records} records, state {drill.File.State})")
               .Check(points.Where(p => p.PowerCut && p.BytesCut > 0).All(p => p.NextRecovery!.DiscardedBytes > 0 || p.NextRecovery.LastSeq >= p.AckedSeq),
                      "after every power cut the damaged tail was detected (CRC, length or seq) and quarantined")
               .Check(term.CleanCheckpoint, $"SIGTERM: exit 0, checkpoint at the last record (seq {term.LastSeq}), nothing to replay on restart")
               .Check(intr.CleanCheckpoint, $"SIGINT: exit 0, checkpoint at the last record (seq {intr.LastSeq}), nothing to replay on restart")
               .Check(crashes.All(c => c.Exit == 128 + ExpectedSignal(c.Fault) && c.Report.PreviousRun == "crashed" && c.Report.CrashSignal == ExpectedSignal(c.Fault)),
                      "SIGSEGV (null pointer, stack overflow on the alternate stack) and SIGBUS each wrote a crash marker that the next start reported")
               .Check(lying.PointsThatLostAcknowledged.Count > 0,
                      $"planted fault caught: on a disk that loses synced writes the drill reports acknowledged records lost at {lying.PointsThatLostAcknowledged.Count} of {lying.Points.Count} kill points")
               .Check(recoveries.Max(r => r.Replayed) <= (long)options.CheckpointEvery * options.Batch + options.Batch,
                      $"checkpoints bound the replay: at most {recoveries.Max(r => r.Replayed)} records replayed (checkpoint every {options.CheckpointEvery} batches of {options.Batch})")
               .Note($"Program: {program}. Each record: 20-byte header + {options.Payload}-byte payload; fsync per batch of {options.Batch}; checkpoint every {options.CheckpointEvery} batches. " +
                     $"{options.PowerLossShare:P0} of kill points also cut the unsynced tail at a random length and damaged one unsynced byte.")
               .Note("\"Unacknowledged records that survived\" were written before the kill but not yet acknowledged: a SIGKILL keeps what write() handed to the kernel; only a power cut loses it.");
        return finding.Build(
            $"{points.Count} SIGKILLs ({points.Count(p => p.PowerCut)} with a power cut) over {drill.MaxAckedSeq} acknowledged records: " +
            $"{drill.PointsThatLostAcknowledged.Count} kill points lost acknowledged records, {(drill.File.IsClean ? 0 : 1)} corrupt record left; " +
            $"{recoveries.Average(r => (double)r.DiscardedRecords):0.##} torn records discarded per crash; recovery p99 {Percentile(recoveryUs, 0.99):0} µs; " +
            "then SIGTERM, SIGINT, SIGSEGV (twice) and SIGBUS once each.");
    }

    private static int ExpectedSignal(string fault) => fault == "sigbus" ? 7 : 11;

    private static async Task<(string, int, RecoveryReport)> CrashBySignalAsync(string program, string directory, string fault, CancellationToken ct)
    {
        int exit;
        await using (var run = JournalRun.Start(program, directory, "--count", "-1", "--fault", fault, "--fault-after", "20"))
            exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(30), ct);
        await using var next = JournalRun.Start(program, directory, "--count", "0");
        await next.WaitForExitAsync(TimeSpan.FromSeconds(30), ct);
        return (fault, exit, RecoveryReport.Parse(next.Lines.First(l => l.StartsWith("recovered ", StringComparison.Ordinal))));
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static PlotRef SavePlot(ExperimentContext context, List<KillPoint> points)
    {
        var plot = new ScottPlot.Plot();
        var xs = points.Select(p => (double)p.Index).ToArray();
        var total = plot.Add.Scatter(xs, points.Select(p => (double)p.NextRecovery!.LastSeq).ToArray());
        total.LegendText = "records in the journal";
        total.MarkerSize = 0;
        var replayed = plot.Add.Scatter(xs, points.Select(p => (double)p.NextRecovery!.Replayed).ToArray());
        replayed.LegendText = "records replayed after the checkpoint";
        replayed.LineWidth = 0;
        var discarded = plot.Add.Scatter(xs, points.Select(p => (double)p.NextRecovery!.DiscardedRecords).ToArray());
        discarded.LegendText = "torn records discarded";
        discarded.LineWidth = 0;
        plot.Title("Recovery after each SIGKILL: the journal grows, the replay stays bounded by the checkpoint");
        plot.XLabel("kill point");
        plot.YLabel("records");
        plot.ShowLegend();
        return context.SavePlot(plot, "crash-recovery.png", "Per kill point: journal size, records replayed from the last checkpoint, torn records discarded");
    }
}
