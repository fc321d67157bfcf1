namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>Where a batch load is, for a test's fault injector: the stage, the chunk (1-based), and the PostgreSQL
/// backend process serving the load (so a test can kill the session as a crash would).</summary>
public sealed record BatchLoadPoint(BatchLoadStage Stage, int Chunk, int BackendProcessId);
