namespace StatelessMind.Dataflow.Metrics;

/// <summary>What one stage did: its tasks and attempts, the records it read, what it wrote to the shuffle and
/// spilled, how its output is spread over the partitions of the next stage, and how long each task took.</summary>
public sealed record StageReport(
    int StageId,
    string Name,
    StageKind Kind,
    int Tasks,
    int Attempts,
    int FailedAttempts,
    long RecordsIn,
    long ShuffleRecordsWritten,
    long ShuffleBytesWritten,
    int Spills,
    long SpillBytes,
    double SpillSeconds,
    IReadOnlyList<long> OutputRecordsByPartition,
    IReadOnlyList<long> OutputBytesByPartition,
    IReadOnlyList<double> TaskMilliseconds,
    TimeSpan Elapsed)
{
    /// <summary>Balance of the records this stage hands to each partition of the next stage (or, for a result
    /// stage, of its own output partitions).</summary>
    public PartitionBalance Balance => PartitionBalance.Of(OutputRecordsByPartition);

    public double ShuffleBytesPerRecord => ShuffleRecordsWritten > 0 ? (double)ShuffleBytesWritten / ShuffleRecordsWritten : 0;

    public double SpillMegabytesPerSecond => SpillSeconds > 0 ? SpillBytes / 1e6 / SpillSeconds : 0;

    /// <summary>The task time at the given percentile (nearest rank), in milliseconds.</summary>
    public double TaskPercentile(double percentile)
    {
        if (TaskMilliseconds.Count == 0) return 0;
        var sorted = TaskMilliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
