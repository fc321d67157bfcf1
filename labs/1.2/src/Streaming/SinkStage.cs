namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>Points in a batch's life where a test can make the sink crash.</summary>
public enum SinkStage
{
    /// <summary>The batch has been consumed from Kafka; nothing written yet.</summary>
    Consumed,
    /// <summary>Rows, totals and offsets are written inside the open transaction; not yet committed.</summary>
    WrittenNotCommitted,
}
