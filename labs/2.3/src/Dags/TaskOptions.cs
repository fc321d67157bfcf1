namespace StatelessMind.Labs.Orchestration.Dags;

/// <summary>How one task runs: its trigger rule, retries with exponential backoff, timeout per try, SLA and mapping.</summary>
public sealed record TaskOptions
{
    public TriggerRule TriggerRule { get; init; } = TriggerRule.AllSuccess;

    /// <summary>Tries after the first one; a task runs at most <c>Retries + 1</c> times.</summary>
    public int Retries { get; init; }

    /// <summary>The wait before the first retry; doubled for every further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between tries, whatever the doubling gives.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Whether the delay doubles per retry (Airflow's <c>retry_exponential_backoff</c>); constant if false.</summary>
    public bool ExponentialBackoff { get; init; } = true;

    /// <summary>How long one try may run before it is cancelled and counted as failed (<c>execution_timeout</c>).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The task should have succeeded this long after its run's data interval ended; later is an SLA miss.</summary>
    public TimeSpan? Sla { get; init; }

    /// <summary>Dynamic task mapping: one task instance per element of the list this upstream task returned (its XCom).</summary>
    public string? ExpandFrom { get; init; }
}
