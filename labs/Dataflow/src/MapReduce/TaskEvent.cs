namespace StatelessMind.Dataflow.MapReduce;

public enum TaskEventKind
{
    Assigned,
    Completed,

    /// <summary>Not reported done within the timeout: taken back.</summary>
    TimedOut,

    /// <summary>Its worker's connection closed (the process died): taken back.</summary>
    WorkerLost,
}

/// <summary>One thing that happened to a task, seen by the coordinator.</summary>
public sealed record TaskEvent(TimeSpan At, string TaskId, TaskEventKind Kind, int Attempt, int WorkerPid);
