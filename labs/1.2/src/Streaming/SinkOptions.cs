using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>How a <see cref="KafkaPostgresSink"/> runs.</summary>
public sealed record SinkOptions
{
    public required string BootstrapServers { get; init; }
    public required string ConnectionString { get; init; }
    public required string Topic { get; init; }
    public string GroupId { get; init; } = "sales-sink";

    /// <summary>Where undecodable, invalid or duplicate messages go, with their error in a header (default: topic + ".dlt").</summary>
    public string? DeadLetterTopic { get; init; }

    public int MaxBatchSize { get; init; } = 500;
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long the group waits for a silent member before giving its partitions to others.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How long a member may go without asking for messages (a long pause, a stuck batch) before it
    /// leaves the group and loses its partitions. At least <see cref="SessionTimeout"/>.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A name for logs and statistics.</summary>
    public string Name { get; init; } = "sink";

    /// <summary>Receives produce → row-visible latency of every applied event, when set.</summary>
    public LatencyRecorder? Latency { get; init; }

    /// <summary>Called at each <see cref="SinkStage"/> with the batch number (1-based); throw to simulate a crash, block to simulate a stall.</summary>
    public Action<SinkStage, long>? FaultInjector { get; init; }

    /// <summary>Receives the Kafka clients' warnings and errors (librdkafka's log) and the sink's own notes; when null
    /// they go to standard error.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>A deliberate mistake to build the sink with (tests only); <see cref="SinkBug.None"/> is the design.</summary>
    public SinkBug Bug { get; init; } = SinkBug.None;

    public string DeadLetterTopicOrDefault => DeadLetterTopic ?? Topic + ".dlt";
}
