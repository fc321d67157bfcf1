namespace StatelessMind.Dataflow;

/// <summary>A planned task failure: the given attempt of the task for <paramref name="Partition"/> in any stage of
/// kind <paramref name="Stage"/> throws after it has processed <paramref name="AfterRecords"/> records.</summary>
public sealed record TaskFault(StageKind Stage, int Partition, int Attempt, long AfterRecords);
