namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// What <see cref="StreamFaultRun"/> saw: the audit's problems (empty when every event was applied exactly once),
/// and evidence that each fault really happened.
/// </summary>
public sealed record StreamFaultRunResult(
    int MessagesProduced,
    int EventsToApply,
    IReadOnlyDictionary<DeadLetterKind, int> Planted,
    IReadOnlyList<string> Problems,
    int Crashes,
    long KafkaCommittedAtCrash,
    long PostgresStoredAtCrash,
    long Consumed,
    long SkippedAlreadyApplied,
    long Assignments,
    TimeSpan Elapsed)
{
    /// <summary>Messages delivered more than once (after the crashes and the rebalance).</summary>
    public long Redelivered => Consumed - MessagesProduced;

    /// <summary>The crash after the PostgreSQL COMMIT landed in the window: Kafka's committed offsets were behind PostgreSQL's.</summary>
    public bool CrashedBetweenTheCommits => KafkaCommittedAtCrash < PostgresStoredAtCrash;
}
