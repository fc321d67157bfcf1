namespace StatelessMind.Harness.Services;

/// <summary>How to create a streaming replica of a running cluster with pg_basebackup -R.</summary>
public sealed record PostgresReplicaOptions
{
    /// <summary>The replica's cluster_name, which its WAL receiver reports as application_name
    /// (the name synchronous_standby_names refers to).</summary>
    public string Name { get; init; } = "replica";

    /// <summary>A physical replication slot on the primary (created when missing); null streams without a slot.</summary>
    public string? SlotName { get; init; } = "replica";

    /// <summary>Extra settings for the replica's postgresql.conf.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
