namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>
/// One SIGKILL of the drill: when it struck ("at-start", "after-recovery", "after-N-acks"), the highest
/// acknowledged seq so far, whether a power cut followed (and how many unsynced bytes it destroyed),
/// and the report of the recovery at the next start.
/// </summary>
public sealed record KillPoint(int Index, string When, long AckedSeq, long AckedOffset, long FileSizeAtKill, bool PowerCut, long BytesCut,
    RecoveryReport? NextRecovery)
{
    /// <summary>Records that were written but not yet acknowledged and still survived the crash.</summary>
    public long UnacknowledgedSurvivors => NextRecovery is { } r ? Math.Max(0, r.LastSeq - AckedSeq) : 0;
}
