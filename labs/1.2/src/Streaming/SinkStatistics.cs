namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>Counters of one sink instance (safe to read from other threads).</summary>
public sealed class SinkStatistics
{
    private long _consumed, _applied, _deadLettered, _duplicates, _skipped, _batches, _assignments, _kafkaCommits;

    /// <summary>Messages received from Kafka, including ones received again after a crash or rebalance.</summary>
    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>Events whose rows this instance committed.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Messages this instance sent to the dead-letter topic (and recorded in dead_letters).</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Of <see cref="DeadLettered"/>, the events whose id had already been applied from another offset.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Messages found already applied (offset below the stored one) and skipped: the fence at work.</summary>
    public long SkippedAlreadyApplied => Interlocked.Read(ref _skipped);

    /// <summary>Batches committed to PostgreSQL (a batch of skipped messages counts too).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>How many times partitions were assigned to this instance (1 + one per rebalance).</summary>
    public long Assignments => Interlocked.Read(ref _assignments);

    /// <summary>Offset commits Kafka accepted (after PostgreSQL's).</summary>
    public long KafkaCommits => Interlocked.Read(ref _kafkaCommits);

    internal void AddConsumed(long n) => Interlocked.Add(ref _consumed, n);
    internal void AddApplied(long n) => Interlocked.Add(ref _applied, n);
    internal void AddDeadLettered(long n) => Interlocked.Add(ref _deadLettered, n);
    internal void AddDuplicates(long n) => Interlocked.Add(ref _duplicates, n);
    internal void AddSkipped(long n) => Interlocked.Add(ref _skipped, n);
    internal void AddBatch() => Interlocked.Increment(ref _batches);
    internal void AddAssignment() => Interlocked.Increment(ref _assignments);
    internal void AddKafkaCommit() => Interlocked.Increment(ref _kafkaCommits);

    public override string ToString() =>
        $"consumed {Consumed}, applied {Applied}, dead-lettered {DeadLettered} ({Duplicates} duplicates), skipped {SkippedAlreadyApplied}, batches {Batches}, assignments {Assignments}";
}
