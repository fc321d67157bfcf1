namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>An optimistic-concurrency check failed (another writer got there first). Transient: retry.</summary>
public sealed class ConcurrencyConflictException(string what)
    : Exception($"Concurrency conflict on {what}: another writer changed it first; retry.")
{
}
