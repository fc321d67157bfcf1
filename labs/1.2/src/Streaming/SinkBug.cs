namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// Deliberate mistakes a <see cref="KafkaPostgresSink"/> can be built with, so that the tests can be seen to
/// catch them. <see cref="None"/> is the design the lab teaches.
/// </summary>
public enum SinkBug
{
    None,

    /// <summary>
    /// The usual at-least-once sink: a member starts where Kafka's committed offsets say, and those are committed
    /// after the PostgreSQL COMMIT. The offsets are neither stored in the batch's transaction nor used as a fence.
    /// A crash between the two commits, or a member that lost its partitions but still applies the batch it holds,
    /// applies that batch a second time.
    /// </summary>
    AtLeastOnce,

    /// <summary>
    /// Event ids are not looked up among the rows already applied: a duplicate event at a new offset violates
    /// <c>stream_sales</c>' primary key, the batch fails on every retry and the sink stops (a jammed partition).
    /// </summary>
    NoDuplicateCheck,
}
