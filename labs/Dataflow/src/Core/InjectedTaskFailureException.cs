namespace StatelessMind.Dataflow;

/// <summary>The failure a <see cref="TaskFault"/> planned.</summary>
public sealed class InjectedTaskFailureException(string stage, int partition, int attempt, long records)
    : Exception($"Injected failure of {stage}, partition {partition}, attempt {attempt}, after {records} records.");
