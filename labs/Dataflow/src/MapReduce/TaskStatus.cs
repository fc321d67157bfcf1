namespace StatelessMind.Dataflow.MapReduce;

public enum MapReduceTaskStatus
{
    Idle,
    InProgress,
    Done,
}

/// <summary>A task as the coordinator sees it at one moment.</summary>
public sealed record TaskSnapshot(string TaskId, MapReduceTaskKind Kind, int Number, MapReduceTaskStatus Status, int Attempts, int WorkerPid);
