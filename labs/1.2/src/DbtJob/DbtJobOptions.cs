namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>
/// Where the dbt job runs and how it waits and retries: the warehouse (PostgreSQL) that holds the sources and receives
/// the models, lab 2.2's dbt project folder, a folder for dbt's target files and the published results, the schema the
/// models go to, the sensor's poke interval and timeout, and the build's retries.
/// </summary>
public sealed record DbtJobOptions
{
    public required string Warehouse { get; init; }
    public required string ProjectDirectory { get; init; }
    public required string WorkDirectory { get; init; }
    public string Schema { get; init; } = "analytics";
    public DateTimeOffset StartDate { get; init; } = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public TimeSpan PokeInterval { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan SensorTimeout { get; init; } = TimeSpan.FromHours(2);
    public int BuildRetries { get; init; } = 2;
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(1);
    public DbtJobBug Bug { get; init; }

    /// <summary>The folder the published JUnit files go to (one sub-folder per run).</summary>
    public string ResultsDirectory => Path.Combine(WorkDirectory, "results");

    /// <summary>dbt's target folder of one dbt task (seed, snapshot, build): each keeps its own run_results.json.</summary>
    public string TargetDirectory(string command) => Path.Combine(WorkDirectory, "target", command);
}
