namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>The names of the 1.1.3-1 figures, shared by the experiment and the texts that cite them.</summary>
public static class IsolationFigureNames
{
    public const string CellsAsDocumented = "matrix cells matching PostgreSQL's documented outcome";
    public const string AnomaliesReadCommitted = "anomalies observed at READ COMMITTED";
    public const string AnomaliesRepeatableRead = "anomalies observed at REPEATABLE READ";
    public const string AnomaliesSerializable = "anomalies observed at SERIALIZABLE";
    public const string SnapshotCells = "cells seen prevented by a snapshot read";
    public const string PlantedBugCells = "SERIALIZABLE cells off the documentation with a planted level bug";
    public const string AsyncStaleReads = "stale reads, async replica";
    public const string AsyncRywViolations = "read-your-writes violations, async replica";
    public const string SyncStaleReads = "stale reads, sync replica (remote_apply)";
    public const string PrimaryStaleReads = "stale reads, primary";
    public const string AsyncConvergenceP50 = "async replica convergence p50";
    public const string RemoteApplyCommitCost = "commit latency ratio remote_apply / local";
}
