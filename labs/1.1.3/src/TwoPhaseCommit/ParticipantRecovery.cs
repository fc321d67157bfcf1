namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>What recovery did on one participant (see <see cref="RecoveryReport"/> for the fields).</summary>
internal sealed record ParticipantRecovery(int Committed, int RolledBack, int AlreadyResolved, int SkippedLive);
