namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>Where a coordinator stopped for its crash point: the point, and the protocol step (and participant) that matched it.</summary>
public sealed record CoordinatorStop(CrashPoint Point, TwoPhaseStep Step, int Participant);
