namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>
/// A primary with one replica behind a <see cref="ReplicationLink"/>, as the ACID-versus-BASE workload
/// sees it: acknowledged writes to the primary, reads from the replica, and a failover that kills the
/// primary and promotes the replica.
/// </summary>
public interface IReplicatedStore : IAsyncDisposable
{
    /// <summary>A short label, e.g. "PostgreSQL, synchronous (remote_apply)".</summary>
    string Name { get; }

    ReplicationLink Link { get; }

    /// <summary>Writes and returns true once the store acknowledges the write as this store defines it
    /// (e.g. after WAIT confirms a replica); false if it was not acknowledged within <paramref name="timeout"/>.</summary>
    Task<bool> WriteAsync(string key, long value, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Reads from the replica (null when the key is absent there).</summary>
    Task<long?> ReadReplicaAsync(string key, CancellationToken cancellationToken);

    /// <summary>Kills the primary (SIGKILL) and promotes the replica on its side of the link.</summary>
    Task FailoverAsync(CancellationToken cancellationToken);

    /// <summary>Reads every given key from the promoted replica.</summary>
    Task<IReadOnlyDictionary<string, long>> ReadAllAfterFailoverAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}
