namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>A bounded resource is used up for now (a memory budget, a queue). Transient: back off and retry.</summary>
public sealed class ResourceExhaustedException(string resource, string limit)
    : Exception($"Resource exhausted: {resource} (limit {limit}). Back off and retry.")
{
    public string Resource { get; } = resource;
}
