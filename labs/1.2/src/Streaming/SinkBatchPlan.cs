namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// What one batch's transaction will do: the events to apply, the messages to dead-letter, the next offset to
/// store per partition, and how many messages were below the stored offset (already applied: skipped).
/// </summary>
public sealed record SinkBatchPlan(
    IReadOnlyList<AppliedEvent> Apply,
    IReadOnlyList<DeadLetter> DeadLetters,
    IReadOnlyDictionary<int, long> NextOffsets,
    long Skipped)
{
    public static SinkBatchPlan Empty { get; } = new([], [], new Dictionary<int, long>(), 0);
}
