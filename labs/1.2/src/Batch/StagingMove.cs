namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>What moving the staging tables into the target tables did: rows new to each table (0 on a re-run).</summary>
public sealed record StagingMove(long Inserted, long Quarantined);
