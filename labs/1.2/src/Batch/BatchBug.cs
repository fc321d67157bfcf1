namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>Deliberate mistakes a <see cref="BatchIngestor"/> can be built with, so that the tests can be seen to catch them.</summary>
public enum BatchBug
{
    None,

    /// <summary>Each chunk is moved into the target tables and committed on its own, as a loader that "saves
    /// progress" would do: a crash in the middle of the file leaves the first chunks loaded and no ledger row.</summary>
    CommitEachChunk,
}
