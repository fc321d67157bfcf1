namespace StatelessMind.Harness.Services;

/// <summary>One scrape job of an embedded Prometheus: a job name and the <c>host:port</c> it scrapes.</summary>
/// <param name="JobName">The <c>job</c> label Prometheus gives the series it scrapes.</param>
/// <param name="Address">The target as <c>host:port</c> (e.g. <c>127.0.0.1:5123</c>).</param>
/// <param name="MetricsPath">The path of the metrics endpoint.</param>
public sealed record PrometheusScrapeTarget(string JobName, string Address, string MetricsPath = "/metrics");
