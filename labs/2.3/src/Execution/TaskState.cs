namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>A task instance's lifecycle, as Airflow's: none → scheduled → queued → running → success | failed |
/// up_for_retry (→ scheduled again at its next try time); a sensor whose condition is not met yet goes to up_for_reschedule
/// (the same try, poked again later); skipped and upstream_failed are decided from upstream states.</summary>
public enum TaskState
{
    None,
    Scheduled,
    Queued,
    Running,
    Success,
    Failed,
    UpForRetry,
    Skipped,
    UpstreamFailed,
    UpForReschedule,
}
