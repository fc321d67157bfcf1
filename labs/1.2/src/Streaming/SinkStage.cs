namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>Points in a batch's life where a test can make the sink crash (or stall).</summary>
public enum SinkStage
{
    /// <summary>The batch has been consumed from Kafka; nothing written yet.</summary>
    Consumed,

    /// <summary>Rows, totals, dead letters and offsets are written inside the open transaction; not yet committed.</summary>
    WrittenNotCommitted,

    /// <summary>PostgreSQL has committed the batch; Kafka's committed offsets have not moved yet. The window an
    /// at-least-once sink cannot survive.</summary>
    CommittedToPostgres,
}
