namespace StatelessMind.Dataflow.MapReduce;

/// <summary>What a running map or reduce call knows about its task (the test applications use it to observe
/// parallelism and re-execution themselves).</summary>
public sealed record MapReduceTaskInfo(
    string TaskId,
    MapReduceTaskKind Kind,
    int Number,
    int Attempt,
    int MapTasks,
    int ReduceTasks,
    string WorkDirectory,
    int WorkerPid);
