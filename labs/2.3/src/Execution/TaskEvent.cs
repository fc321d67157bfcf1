namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>A row of task_event: one state change of a task instance; <see cref="Id"/> orders the changes of a database.</summary>
public sealed record TaskEvent(long Id, TaskInstanceKey Key, int TryNumber, TaskState From, TaskState To, DateTimeOffset At);
