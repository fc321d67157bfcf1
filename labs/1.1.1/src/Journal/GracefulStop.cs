namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>A run stopped with SIGTERM (or SIGINT): its exit code, the last record it wrote, the checkpoint
/// left on disk, and what the next start had to replay (nothing, if the checkpoint was clean).</summary>
public sealed record GracefulStop(int ExitCode, string ExitLine, long LastSeq, long LastOffset, JournalCheckpoint? Checkpoint, long JournalBytes, RecoveryReport NextRecovery)
{
    public bool CleanCheckpoint =>
        ExitCode == 0 && Checkpoint is { } c && c.Seq == LastSeq && c.Offset == JournalBytes && NextRecovery.Replayed == 0
        && NextRecovery.DiscardedBytes == 0 && NextRecovery.PreviousRun == "clean" && NextRecovery.LastSeq == LastSeq;
}
