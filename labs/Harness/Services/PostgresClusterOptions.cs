namespace StatelessMind.Harness.Services;

/// <summary>How to create a throwaway PostgreSQL cluster.</summary>
public sealed record PostgresClusterOptions
{
    /// <summary>Shows in folder names, the server log and <c>cluster_name</c> (a replica's application_name).</summary>
    public string Name { get; init; } = "pg";

    /// <summary>postgresql.conf settings written before the first start, e.g. <c>["wal_level"] = "logical"</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Page checksums (initdb -k): corruption is detected, and pg_rewind can run.</summary>
    public bool DataChecksums { get; init; } = true;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
