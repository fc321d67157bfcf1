namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>Writes that conflict — concurrent ones, or a later one through a coordinator whose clock runs behind — and what the
/// store kept of them once replication settled.</summary>
/// <param name="Scenario">"concurrent writers" or "clock skew".</param>
/// <param name="Versioning">How the replicas ordered versions.</param>
/// <param name="WritesAcknowledged">Conflicting writes the store acknowledged.</param>
/// <param name="WritesLost">Acknowledged writes whose item no replica holds once replication settled.</param>
/// <param name="ReadsWithSiblings">Final reads that returned more than one version (for the client to merge).</param>
/// <param name="FailedReads">Reads that got no quorum (counted, never dropped).</param>
public sealed record ConflictOutcome(string Scenario, VersioningMode Versioning, int Trials, int WritesAcknowledged, int WritesLost, int ReadsWithSiblings,
    int FailedReads);
