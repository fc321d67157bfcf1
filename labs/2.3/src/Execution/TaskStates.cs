namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>Task states as Airflow writes them (snake_case) and which of them are final.</summary>
public static class TaskStates
{
    public static string Name(TaskState state) => state switch
    {
        TaskState.UpForRetry => "up_for_retry",
        TaskState.UpstreamFailed => "upstream_failed",
        TaskState.UpForReschedule => "up_for_reschedule",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static TaskState Parse(string name) => name switch
    {
        "up_for_retry" => TaskState.UpForRetry,
        "upstream_failed" => TaskState.UpstreamFailed,
        "up_for_reschedule" => TaskState.UpForReschedule,
        _ => Enum.Parse<TaskState>(name, ignoreCase: true),
    };

    /// <summary>Success, failed, skipped and upstream_failed: the task will not run again in this run.</summary>
    public static bool IsFinished(TaskState state) => state is TaskState.Success or TaskState.Failed or TaskState.Skipped or TaskState.UpstreamFailed;
}
