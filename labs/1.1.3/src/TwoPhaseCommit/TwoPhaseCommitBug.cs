namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>Deliberate mistakes the coordinator and its recovery can be run with, so that the checks of atomicity can be
/// seen to catch them. <see cref="None"/> is two-phase commit as it must be.</summary>
public enum TwoPhaseCommitBug
{
    None,

    /// <summary>The coordinator logs commit after the first participant prepared and commits each participant as soon as
    /// it has prepared, before the others have voted: a later participant that fails to prepare leaves a partial transfer.</summary>
    CommitBeforeAllPrepared,

    /// <summary>Recovery ignores the commit records of the log and rolls back every in-doubt transaction.</summary>
    ResolverRollsBackCommitted,

    /// <summary>Recovery reads the log without taking its lock, so it also "recovers" a live coordinator's transactions,
    /// presuming an abort for one that coordinator is about to commit.</summary>
    ResolverIgnoresLiveCoordinator,
}
