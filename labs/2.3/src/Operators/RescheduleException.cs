namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>Thrown by a sensor in reschedule mode whose condition is not met yet (Airflow's
/// <c>AirflowRescheduleException</c>): the scheduler stores the task instance as up_for_reschedule until
/// <see cref="RescheduleAt"/>, frees its slot, and keeps the try number, so a wait is not a failed try.</summary>
public sealed class RescheduleException(DateTimeOffset rescheduleAt, string reason)
    : Exception($"not yet: {reason}; poke again at {rescheduleAt:O}")
{
    public DateTimeOffset RescheduleAt { get; } = rescheduleAt;
}
