namespace StatelessMind.Dataflow.MapReduce;

/// <summary>Known mistakes of a MapReduce implementation, planted so that each test of the classic lab's script is
/// shown to catch its own (tests and experiments only).</summary>
public enum MapReduceBug
{
    None,

    /// <summary>The coordinator hands out a new task only when no other is running: no parallelism.</summary>
    OneTaskAtATime,

    /// <summary>When no task is idle, the coordinator hands out one that is still running: tasks run more than once without any fault.</summary>
    ReissueRunningTasks,

    /// <summary>When no task is idle, the coordinator tells the worker to exit, although tasks are still running.</summary>
    ExitWhenNothingIdle,

    /// <summary>The coordinator never takes a task back from a worker that stops answering (no timeout).</summary>
    NoTaskTimeout,

    /// <summary>A reduce task appends to its output file as it goes instead of writing a temporary file and renaming it:
    /// a task that dies half-way and is re-executed leaves duplicated lines.</summary>
    ReduceWritesOutputInPlace,
}
