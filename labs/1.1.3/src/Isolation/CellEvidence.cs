namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>What a scenario saw, from which its cell is classified.</summary>
/// <param name="Observed">The anomaly shows in what was read or in the final state.</param>
/// <param name="Waited">A statement waited on another session's lock (confirmed with pg_blocking_pids).</param>
/// <param name="ReadOlderVersion">The read that would have shown the anomaly returned the older committed version while a
/// newer (uncommitted, or committed after the reader's snapshot) version existed.</param>
/// <param name="SqlState">The error that ended a session's transaction (40001), or null.</param>
public readonly record struct CellEvidence(bool Observed, bool Waited, bool ReadOlderVersion, string? SqlState);
