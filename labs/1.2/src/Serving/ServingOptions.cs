namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>How a serving host is set up: the warehouse, the marts' schema, the rate limit per client address, and a planted bug.</summary>
public sealed record ServingOptions(string ConnectionString, string Schema)
{
    public int RequestsPerWindow { get; init; } = 1_000_000;
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(1);
    public ServingBug Bug { get; init; } = ServingBug.None;
}
