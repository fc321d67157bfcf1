namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>What one recovery pass did.</summary>
/// <param name="Committed">Prepared transactions committed because the log holds a commit decision.</param>
/// <param name="RolledBack">Prepared transactions rolled back because the log holds none (presumed abort) or an abort.</param>
/// <param name="Unreachable">Participants that could not be asked (their in-doubt transactions wait for the next pass).</param>
/// <param name="Ended">Committed transfers whose end record this pass wrote.</param>
/// <param name="AlreadyResolved">Prepared transactions that were gone when their resolution arrived (resolved by someone else meanwhile).</param>
/// <param name="SkippedLive">Prepared transactions left alone because a coordinator of this process is still deciding them.</param>
/// <param name="FirstResolutionSentAt">When the first COMMIT/ROLLBACK PREPARED was sent (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), or 0.</param>
public sealed record RecoveryReport(int Committed, int RolledBack, IReadOnlyList<int> Unreachable, int Ended, int AlreadyResolved = 0, int SkippedLive = 0,
    long FirstResolutionSentAt = 0);
