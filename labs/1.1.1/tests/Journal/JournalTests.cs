using StatelessMind.Labs.Reliability.Journal;

namespace StatelessMind.Labs.Reliability.Tests.Journal;

/// <summary>1.1.1-2: the C journal program (native/build/bin/journal) driven as a real process with real signals.</summary>
public sealed class JournalTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("journal");
    private readonly string _program = JournalProgram.Locate();

    public void Dispose() => _dir.Dispose();

    [Fact]
    [Goal("1.1.1-2")]
    public async Task SIGKILL_at_100_random_points_loses_no_acknowledged_record_and_keeps_no_corrupt_one()
    {
        var options = new CrashDrillOptions { KillPoints = 100, Seed = 42 };
        var drill = await CrashDrill.RunAsync(_program, _dir.Sub("drill"), options);

        var points = drill.Points;
        output.WriteLine($"{points.Count} kills: {points.Count(p => p.When == "at-start")} at start, {points.Count(p => p.When == "after-recovery")} right after recovery, " +
                         $"{points.Count(p => p.When.EndsWith("-acks", StringComparison.Ordinal))} after 1-5 acks; {points.Count(p => p.PowerCut)} followed by a power cut");
        output.WriteLine($"highest acknowledged seq {drill.MaxAckedSeq}; journal: {drill.File.Records} records, {drill.File.FileSize} bytes, state {drill.File.State}");
        output.WriteLine($"torn tails discarded at {points.Count(p => p.NextRecovery!.DiscardedBytes > 0)} kill points; " +
                         $"recovery {points.Average(p => p.NextRecovery!.RecoveryMicroseconds):0} µs mean, {points.Max(p => p.NextRecovery!.RecoveryMicroseconds)} µs max");

        Assert.Equal(100, points.Count);
        Assert.All(points, p => Assert.NotNull(p.NextRecovery));
        // No acknowledged record lost, at any point: each recovery came back with at least every acknowledged record.
        Assert.Empty(drill.PointsThatLostAcknowledged);
        Assert.True(drill.NoAcknowledgedRecordLost, $"acknowledged up to seq {drill.MaxAckedSeq}, journal ends at {drill.File.LastSeq}");
        // No corrupt record left: an independent C# reading finds only valid records, consecutive seqs, and the program's state.
        Assert.True(drill.File.IsClean, drill.File.FirstProblem);
        Assert.Equal(drill.FinalRecovery.LastSeq, drill.File.LastSeq);
        Assert.Equal(drill.FinalRecovery.State, drill.File.State);
        // The drill really produced torn tails (else it proved nothing about recovery), and every one of them was quarantined.
        Assert.Contains(points, p => p.NextRecovery!.DiscardedBytes > 0);
        var quarantined = Directory.GetFiles(_dir.Sub("drill"), "discarded-*.bin").Sum(f => new FileInfo(f).Length);
        var recoveries = points.Select(p => p.NextRecovery!).Distinct(ReferenceEqualityComparer.Instance).Cast<RecoveryReport>().ToList();
        // (A run killed in the middle of its own recovery may quarantine the same tail again at the next start.)
        Assert.True(quarantined >= recoveries.Sum(r => r.DiscardedBytes), $"{quarantined} bytes quarantined, {recoveries.Sum(r => r.DiscardedBytes)} reported discarded");
        Assert.True(drill.MaxAckedSeq > 200);
    }

    [Fact]
    [Goal("1.1.1-2")]
    public async Task A_disk_that_loses_synced_writes_is_caught_by_the_drill_losing_acknowledged_records()
    {
        // The planted fault: power cuts that also destroy acknowledged bytes after the checkpoint. The checks above must fail here.
        var options = new CrashDrillOptions { KillPoints = 12, Seed = 42, PowerLossShare = 1, Bug = JournalDrillBug.DiskLosesSyncedWrites };
        var drill = await CrashDrill.RunAsync(_program, _dir.Sub("lying-disk"), options);
        foreach (var p in drill.PointsThatLostAcknowledged)
            output.WriteLine($"kill {p.Index} ({p.When}): acknowledged up to seq {p.AckedSeq}, the next start recovered up to seq {p.NextRecovery!.LastSeq}");
        Assert.NotEmpty(drill.PointsThatLostAcknowledged);
        Assert.False(drill.NoAcknowledgedRecordLost);
    }

    [Theory]
    [Goal("1.1.1-2")]
    [InlineData(HostCommands.SIGTERM, "sigterm")]
    [InlineData(HostCommands.SIGINT, "sigint")]
    public async Task A_stop_signal_flushes_checkpoints_and_exits_cleanly(int signal, string reason)
    {
        var dir = _dir.Sub(reason);
        var stop = await CrashDrill.StopGracefullyAsync(_program, dir, signal);
        output.WriteLine($"{stop.ExitLine}; checkpoint {stop.Checkpoint}; next start: replayed {stop.NextRecovery.Replayed}, previous_run={stop.NextRecovery.PreviousRun}");
        Assert.Equal(0, stop.ExitCode);
        Assert.StartsWith($"exit reason={reason} seq={stop.LastSeq} ", stop.ExitLine, StringComparison.Ordinal);
        Assert.NotNull(stop.Checkpoint);
        Assert.Equal(stop.LastSeq, stop.Checkpoint.Seq);          // the checkpoint covers the last record
        Assert.Equal(stop.JournalBytes, stop.Checkpoint.Offset);  // … and ends where the journal ends
        var file = JournalFile.Verify(Path.Combine(dir, "journal.dat"));
        Assert.True(file.IsClean, file.FirstProblem);
        Assert.Equal(file.State, stop.Checkpoint.State);          // its state is the replay of every record
        Assert.Equal(0, stop.NextRecovery.Replayed);              // nothing left to replay
        Assert.Equal("clean", stop.NextRecovery.PreviousRun);
        Assert.True(stop.CleanCheckpoint);
    }

    [Theory]
    [Goal("1.1.1-2")]
    [InlineData("segv-null", 11)]
    [InlineData("segv-stack", 11)]   // a stack overflow: only a handler on the alternate signal stack can run
    [InlineData("sigbus", 7)]
    public async Task A_crash_signal_writes_a_marker_that_the_next_start_reports(string fault, int signal)
    {
        var dir = _dir.Sub(fault);
        int exit;
        await using (var run = JournalRun.Start(_program, dir, "--count", "-1", "--batch", "8", "--fault", fault, "--fault-after", "20"))
            exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(128 + signal, exit);
        Assert.Equal($"signal={signal} seq=20", File.ReadAllText(Path.Combine(dir, "crash.marker")).Trim());

        await using var next = JournalRun.Start(_program, dir, "--count", "0", "--verify-all");
        Assert.Equal(0, await next.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var report = RecoveryReport.Parse(next.Lines.First(l => l.StartsWith("recovered ", StringComparison.Ordinal)));
        output.WriteLine(next.Lines[0]);
        Assert.Equal("crashed", report.PreviousRun);
        Assert.Equal(signal, report.CrashSignal);
        Assert.Equal(20, report.LastSeq); // written to the kernel before the fault: a process crash loses none of it
        Assert.False(File.Exists(Path.Combine(dir, "crash.marker")), "the marker is cleared once reported");
    }

    [Fact]
    [Goal("1.1.1-2")]
    public async Task A_record_with_a_bad_CRC_at_the_tail_is_quarantined_and_truncated()
    {
        var dir = _dir.Sub("torn");
        await using (var first = JournalRun.Start(_program, dir, "--count", "30", "--payload", "32"))
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var journal = Path.Combine(dir, "journal.dat");
        var good = File.ReadAllBytes(journal);
        // A whole record whose payload was damaged: header intact, CRC no longer matches.
        var tail = good.AsSpan(good.Length - 52).ToArray();
        tail[0 + 8] = 31; // seq 31 follows seq 30 …
        tail[30] ^= 0x40; // … but a payload bit is flipped
        await File.AppendAllBytesAsync(journal, tail);

        await using var next = JournalRun.Start(_program, dir, "--count", "0", "--verify-all");
        Assert.Equal(0, await next.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var report = RecoveryReport.Parse(next.Lines[0]);
        output.WriteLine(next.Lines[0]);
        Assert.Equal(30, report.LastSeq);
        Assert.Equal(52, report.DiscardedBytes);
        Assert.Equal(1, report.DiscardedRecords);
        Assert.Equal("crc-mismatch", report.Stop);
        Assert.Equal(good, File.ReadAllBytes(journal));
        var quarantine = Assert.Single(Directory.GetFiles(dir, "discarded-*.bin"));
        Assert.Equal(tail, File.ReadAllBytes(quarantine));
    }

    [Fact]
    [Goal("1.1.1-2")]
    public void A_missing_program_names_the_command_that_builds_it()
    {
        var e = Assert.Throws<ServiceUnavailableException>(() => JournalRun.Start("/nonexistent/journal", _dir.Path));
        Assert.Contains("make native", e.Message);
    }

    [Fact]
    [Goal("1.1.1-2")]
    public async Task Experiment_at_small_scale_loses_no_acknowledged_record()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new CrashRecoveryExperiment(), output);
        foreach (var table in finding.Tables)
            foreach (var row in table.Rows) output.WriteLine(string.Join(" | ", row));
        foreach (var note in finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(0, finding.FigureNamed("acknowledged records lost")!.Value);
        Assert.Equal(0, finding.FigureNamed("corrupt records left after recovery")!.Value);
    }
}
