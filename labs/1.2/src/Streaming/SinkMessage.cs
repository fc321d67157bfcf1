namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>One consumed Kafka message as the sink's batch logic sees it (no Kafka client types, so the logic is testable alone).</summary>
public sealed record SinkMessage(string Topic, int Partition, long Offset, long Key, byte[]? Value)
{
    public EventLocation Location => new(Partition, Offset);
}
