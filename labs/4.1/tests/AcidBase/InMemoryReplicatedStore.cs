using StatelessMind.Labs.DatabaseTheory.AcidBase;

namespace StatelessMind.Labs.DatabaseTheory.Tests.AcidBase;

/// <summary>
/// A primary and a replica as two dictionaries, for testing the workload's bookkeeping on its own: synchronous (a write is
/// on the replica before it is acknowledged, and is refused while the link is cut) or asynchronous (acknowledged at once;
/// the replica shows it from the second read on, and never while the link is cut). The link is a real, unused
/// <see cref="ReplicationLink"/>: only its cut switch is read.
/// </summary>
internal sealed class InMemoryReplicatedStore(bool synchronous) : IReplicatedStore
{
    private readonly Dictionary<string, long> _primary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _replica = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _readsBeforeVisible = new(StringComparer.Ordinal);

    public string Name => synchronous ? "in-memory, synchronous" : "in-memory, asynchronous";
    public ReplicationLink Link { get; } = new(targetPort: 9, TimeSpan.Zero);

    public Task<bool> WriteAsync(string key, long value, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (synchronous && Link.IsCut) return Task.FromResult(false);
        _primary[key] = value;
        if (synchronous) _replica[key] = value;
        else if (!Link.IsCut) _readsBeforeVisible[key] = 1;
        return Task.FromResult(true);
    }

    public Task<long?> ReadReplicaAsync(string key, CancellationToken cancellationToken)
    {
        if (_readsBeforeVisible.TryGetValue(key, out var left))
        {
            if (left == 0)
            {
                _replica[key] = _primary[key];
                _readsBeforeVisible.Remove(key);
            }
            else
            {
                _readsBeforeVisible[key] = left - 1;
            }
        }
        return Task.FromResult(_replica.TryGetValue(key, out var v) ? v : (long?)null);
    }

    public Task FailoverAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, long>> ReadAllAfterFailoverAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(keys.Where(_replica.ContainsKey).ToDictionary(k => k, k => _replica[k], StringComparer.Ordinal));

    public ValueTask DisposeAsync() => Link.DisposeAsync();
}
