namespace StatelessMind.Dataflow.MapReduce;

/// <summary>What the coordinator saw of a job: every task event, attempts per task, the workers that connected,
/// when the last task completed and when the coordinator itself finished.</summary>
public sealed record CoordinatorReport(
    IReadOnlyList<TaskEvent> Events,
    IReadOnlyDictionary<string, int> AttemptsByTask,
    IReadOnlyList<int> WorkerPids,
    TimeSpan JobDone,
    TimeSpan Finished)
{
    public int Reexecutions => AttemptsByTask.Values.Sum(a => a - 1);
    public int Count(TaskEventKind kind) => Events.Count(e => e.Kind == kind);
}
