namespace StatelessMind.Harness.Services;

/// <summary>An alert as Prometheus' <c>/api/v1/alerts</c> reports it.</summary>
/// <param name="Name">The alerting rule's name (<c>alertname</c>).</param>
/// <param name="State"><c>pending</c> (condition true, <c>for:</c> not yet elapsed) or <c>firing</c>.</param>
/// <param name="Labels">The alert's labels.</param>
/// <param name="Value">The value of the rule's expression when the alert was last evaluated.</param>
public sealed record PrometheusAlert(string Name, string State, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool IsFiring => State == "firing";
}
