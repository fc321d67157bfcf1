namespace StatelessMind.Dataflow;

/// <summary>A task failed on every attempt it was allowed; the last failure is the inner exception.</summary>
public sealed class TaskFailedException(string stage, int partition, int attempts, Exception last)
    : Exception($"{stage}: the task for partition {partition} failed {attempts} times; last error: {last.Message}", last)
{
    public string Stage { get; } = stage;
    public int Partition { get; } = partition;
    public int Attempts { get; } = attempts;
}
