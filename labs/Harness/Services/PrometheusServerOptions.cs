namespace StatelessMind.Harness.Services;

/// <summary>How an embedded Prometheus is configured: its scrape and rule-evaluation intervals, the targets it scrapes
/// and the rule files it loads (their YAML text, written beside the generated prometheus.yml).</summary>
public sealed record PrometheusServerOptions
{
    /// <summary>How often every target is scraped (Prometheus' <c>global.scrape_interval</c>).</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often recording and alerting rules are evaluated (<c>global.evaluation_interval</c>).</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The scrape jobs besides Prometheus' own (job <c>prometheus</c>, always present).</summary>
    public IReadOnlyList<PrometheusScrapeTarget> Targets { get; init; } = [];

    /// <summary>Rule files by name (<c>model-alerts.yml</c>) → their YAML text (<c>groups: …</c>).</summary>
    public IReadOnlyDictionary<string, string> RuleFiles { get; init; } = new Dictionary<string, string>();
}
