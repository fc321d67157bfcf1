namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>Points of a batch load where a test can make it crash.</summary>
public enum BatchLoadStage
{
    /// <summary>A chunk has been cleaned and copied into the staging tables.</summary>
    ChunkStaged,

    /// <summary>Staging has been moved into the target tables and the ledger row written; the transaction is not committed.</summary>
    MovedNotCommitted,
}
