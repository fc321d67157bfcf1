namespace StatelessMind.Harness.Services;

/// <summary>One element of an instant vector returned by Prometheus' query API: the series' labels and its value.</summary>
/// <param name="Labels">The series' labels (<c>__name__</c> included when the result keeps it).</param>
/// <param name="Value">The sample's value.</param>
/// <param name="Timestamp">When the sample was evaluated.</param>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Value, DateTimeOffset Timestamp);
