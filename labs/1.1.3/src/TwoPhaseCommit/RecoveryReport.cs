namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>What one recovery pass did.</summary>
/// <param name="Committed">Prepared transactions committed because the log holds a commit decision.</param>
/// <param name="RolledBack">Prepared transactions rolled back because the log holds none (presumed abort) or an abort.</param>
/// <param name="Unreachable">Participants that could not be asked (their in-doubt transactions wait for the next pass).</param>
/// <param name="Ended">Committed transfers whose end record this pass wrote.</param>
public sealed record RecoveryReport(int Committed, int RolledBack, IReadOnlyList<int> Unreachable, int Ended);
