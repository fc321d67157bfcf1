namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>A row of task_instance: state, tries so far, the next try's earliest time, timing and the scheduler that ran it.</summary>
public sealed record TaskInstanceInfo(
    TaskInstanceKey Key,
    TaskState State,
    int TryNumber,
    int MaxTries,
    DateTimeOffset? NextTryAt,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    double? DurationSeconds,
    string? SchedulerId);
