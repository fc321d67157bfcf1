namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>Two of a key's three replicas fail during a write and come back: what a quorum store did.</summary>
/// <param name="WritesAccepted">Writes acknowledged while the two replicas were down (availability).</param>
/// <param name="ReadsChecked">Pairs of reads that followed an acknowledged write and both answered.</param>
/// <param name="StaleRightAfterRecovery">Reads right after the replicas returned that missed an acknowledged write.</param>
/// <param name="StaleAfterHandoff">The same, 300 ms later (after hinted handoff).</param>
/// <param name="FailedReads">Reads after an acknowledged write that got no quorum (counted, never dropped).</param>
public sealed record OutageOutcome(string Mode, int Trials, int WritesAccepted, int ReadsChecked, int StaleRightAfterRecovery, int StaleAfterHandoff,
    long HintsHandedOff, int FailedReads);
