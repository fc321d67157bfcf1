using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>
/// Drives the real journal program through crashes: start it, let it acknowledge a random number of
/// batches (or none), SIGKILL it, sometimes also destroy part of what it wrote after its last
/// acknowledgement (a power cut loses the page cache), start it again and read its recovery report.
/// At the end a verifying start and an independent C# reading of the journal check that no
/// acknowledged record was lost and no corrupt record was kept.
/// </summary>
public static class CrashDrill
{
    public static async Task<CrashDrillResult> RunAsync(string program, string directory, CrashDrillOptions options,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var journal = Path.Combine(directory, "journal.dat");
        string[] args = ["--count", "-1", "--batch", Arg(options.Batch), "--payload", Arg(options.Payload),
                         "--checkpoint-every", Arg(options.CheckpointEvery), "--seed", Arg(options.Seed)];
        var points = new List<KillPoint>();
        long maxAckedSeq = 0, maxAckedOffset = 0;

        for (var i = 0; i < options.KillPoints; i++)
        {
            progress?.Report((double)i / options.KillPoints);
            await using var run = JournalRun.Start(program, directory, args);
            var choice = random.Next(8);
            string when;
            if (choice == 0)
            {
                when = "at-start"; // may land in the middle of recovery itself
            }
            else
            {
                await run.WaitForLineAsync(l => l.StartsWith("recovered ", StringComparison.Ordinal), options.StepTimeout, cancellationToken);
                var acks = choice - 2; // -1 … 5
                if (acks <= 0) when = "after-recovery";
                else
                {
                    await run.WaitForAcksAsync(acks, options.StepTimeout, cancellationToken);
                    when = $"after-{acks}-acks";
                }
            }
            run.Signal(HostCommands.SIGKILL);
            await run.WaitForExitAsync(options.StepTimeout, cancellationToken);
            // A run killed at start may still have printed its recovery report before it died.
            if (run.Lines.FirstOrDefault(l => l.StartsWith("recovered ", StringComparison.Ordinal)) is { } recoveredLine)
                Attach(points, RecoveryReport.Parse(recoveredLine));
            var (seq, offset) = run.LastAck;
            if (seq > maxAckedSeq) (maxAckedSeq, maxAckedOffset) = (seq, offset);

            // What is surely on disk: everything acknowledged, and everything a checkpoint covers (the program
            // fsyncs before it checkpoints, including records it replayed at its last start).
            var checkpointed = JournalFile.ReadCheckpoint(directory)?.Offset ?? 0;
            var durable = Math.Max(maxAckedOffset, checkpointed);
            var size = new FileInfo(journal).Exists ? new FileInfo(journal).Length : 0;
            // The planted fault: a disk that lied about fsync loses acknowledged bytes too (only after the checkpoint, which
            // the program would rightly refuse to repair by itself).
            if (options.Bug == JournalDrillBug.DiskLosesSyncedWrites && maxAckedOffset > checkpointed) durable = checkpointed;
            var powerCut = random.NextDouble() < options.PowerLossShare && size > durable;
            long cut = 0;
            // A disk that lies about fsync loses, at a power cut, every write since its last real flush: the whole tail.
            if (powerCut) cut = options.Bug == JournalDrillBug.DiskLosesSyncedWrites ? LoseTail(journal, durable) : CutUnsyncedTail(journal, durable, random);
            points.Add(new KillPoint(i, when, maxAckedSeq, maxAckedOffset, size, powerCut, cut, null));
        }

        progress?.Report(1);
        await using var final = JournalRun.Start(program, directory, "--count", "0", "--verify-all", "--seed", Arg(options.Seed));
        var code = await final.WaitForExitAsync(options.StepTimeout, cancellationToken);
        var line = final.Lines.FirstOrDefault(l => l.StartsWith("recovered ", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"The verifying start exited with {code} without a recovery report: {await final.StandardErrorAsync()}");
        var report = RecoveryReport.Parse(line);
        Attach(points, report);
        if (code != 0) throw new InvalidOperationException($"The verifying start exited with {code}: {await final.StandardErrorAsync()}");
        return new CrashDrillResult(points, maxAckedSeq, report, JournalFile.Verify(journal));
    }

    /// <summary>Runs until a few batches are acknowledged, sends SIGTERM (or SIGINT), and checks what was left.</summary>
    public static async Task<GracefulStop> StopGracefullyAsync(string program, string directory, int signal, int acks = 3,
        CancellationToken cancellationToken = default)
    {
        var timeout = TimeSpan.FromSeconds(30);
        int code;
        string exitLine;
        (long Seq, long Offset) last;
        await using (var run = JournalRun.Start(program, directory, "--count", "-1", "--batch", "4", "--rate", "500", "--checkpoint-every", "1000"))
        {
            await run.WaitForAcksAsync(acks, timeout, cancellationToken);
            run.Signal(signal);
            code = await run.WaitForExitAsync(timeout, cancellationToken);
            exitLine = run.Lines.LastOrDefault(l => l.StartsWith("exit ", StringComparison.Ordinal)) ?? "";
            last = run.LastAck;
        }
        var checkpoint = JournalFile.ReadCheckpoint(directory);
        var bytes = new FileInfo(Path.Combine(directory, "journal.dat")).Length;
        await using var next = JournalRun.Start(program, directory, "--count", "0", "--verify-all");
        await next.WaitForExitAsync(timeout, cancellationToken);
        var report = RecoveryReport.Parse(next.Lines.First(l => l.StartsWith("recovered ", StringComparison.Ordinal)));
        return new GracefulStop(code, exitLine, last.Seq, last.Offset, checkpoint, bytes, report);
    }

    /// <summary>
    /// A power cut after a crash: the bytes after the durable point may never have reached the disk. Cuts
    /// the file at a random length past that point and damages one of the remaining unsynced bytes.
    /// Never touches a durable byte. Returns how many bytes were destroyed.
    /// </summary>
    private static long CutUnsyncedTail(string journal, long durableOffset, Random random)
    {
        using var file = new FileStream(journal, FileMode.Open, FileAccess.ReadWrite);
        var size = file.Length;
        var keep = durableOffset + (long)(random.NextDouble() * (size - durableOffset));
        file.SetLength(keep);
        var destroyed = size - keep;
        if (keep > durableOffset)
        {
            file.Position = durableOffset + (long)(random.NextDouble() * (keep - durableOffset));
            var b = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(b ^ (1 + random.Next(255))));
            destroyed++;
        }
        file.Flush(flushToDisk: true);
        return destroyed;
    }

    /// <summary>The planted fault's power cut: the file ends at <paramref name="offset"/>. Returns how many bytes were lost.</summary>
    private static long LoseTail(string journal, long offset)
    {
        using var file = new FileStream(journal, FileMode.Open, FileAccess.ReadWrite);
        var lost = file.Length - offset;
        file.SetLength(offset);
        file.Flush(flushToDisk: true);
        return lost;
    }

    /// <summary>Gives the kill points still without one the report of the recovery that followed them (several,
    /// when a run was killed before it could report).</summary>
    private static void Attach(List<KillPoint> points, RecoveryReport report)
    {
        for (var i = points.Count - 1; i >= 0 && points[i].NextRecovery is null; i--)
            points[i] = points[i] with { NextRecovery = report };
    }

    private static string Arg(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
