namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>How a serving host is set up: the warehouse, the marts' schema, the rate limit per client address, the connection pool's size, and a planted bug.</summary>
public sealed record ServingOptions(string ConnectionString, string Schema)
{
    public int RequestsPerWindow { get; init; } = 1_000_000;
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(1);
    public ServingBug Bug { get; init; } = ServingBug.None;

    /// <summary>
    /// The most warehouse connections the host holds (its pool's size). Requests beyond it wait in the pool, in order, rather
    /// than as extra PostgreSQL backends competing for the same cores; about twice the cores is the usual starting point.
    /// </summary>
    public int MaxConnections { get; init; } = Math.Max(4, 2 * Environment.ProcessorCount);
}
