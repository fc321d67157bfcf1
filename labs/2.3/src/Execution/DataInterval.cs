namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>The span of data one scheduled run processes: [Start, End). The run's logical date is Start, and it is
/// created once End has passed (Airflow runs yesterday's data today).</summary>
public readonly record struct DataInterval(DateTimeOffset Start, DateTimeOffset End);
