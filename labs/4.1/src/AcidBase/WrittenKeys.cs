namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>Every key the workload wrote, with its value: acknowledged by the store, or not.</summary>
internal sealed class WrittenKeys
{
    public Dictionary<string, long> Acked { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Unacked { get; } = new(StringComparer.Ordinal);
}
