using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>How a <see cref="KafkaPostgresSink"/> runs.</summary>
public sealed record SinkOptions
{
    public required string BootstrapServers { get; init; }
    public required string ConnectionString { get; init; }
    public required string Topic { get; init; }
    public string GroupId { get; init; } = "sales-sink";

    /// <summary>Where undecodable or invalid messages go, with their error in a header (default: topic + ".dlt").</summary>
    public string? DeadLetterTopic { get; init; }

    public int MaxBatchSize { get; init; } = 500;
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A name for logs and statistics.</summary>
    public string Name { get; init; } = "sink";

    /// <summary>Receives produce → row-visible latency of every applied event, when set.</summary>
    public LatencyRecorder? Latency { get; init; }

    /// <summary>Called at each <see cref="SinkStage"/> with the batch number (1-based); throw to simulate a crash.</summary>
    public Action<SinkStage, long>? FaultInjector { get; init; }

    public string DeadLetterTopicOrDefault => DeadLetterTopic ?? Topic + ".dlt";
}
