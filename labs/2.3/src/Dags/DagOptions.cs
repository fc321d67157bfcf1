namespace StatelessMind.Labs.Orchestration.Dags;

/// <summary>A DAG's schedule: a cron expression (UTC) or none (manual runs only), the first interval's start, catchup
/// and how many runs may be active at once.</summary>
public sealed record DagOptions
{
    /// <summary>Five-field cron (<c>0 * * * *</c>), or null for a DAG that runs only when triggered.</summary>
    public string? Schedule { get; init; }

    public DateTimeOffset StartDate { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Create a run for every interval since <see cref="StartDate"/> that has none (true), or only for the latest (false).</summary>
    public bool Catchup { get; init; } = true;

    public int MaxActiveRuns { get; init; } = 16;

    public string Description { get; init; } = "";
}
