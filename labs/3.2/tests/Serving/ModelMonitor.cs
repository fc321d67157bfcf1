using StatelessMind.Labs.MlOps.Serving;

namespace StatelessMind.Labs.MlOps.Tests.Serving;

/// <summary>
/// What the monitoring tests ask of the harness's Prometheus: scrape one model server under a job name with the alert
/// rules for that job, read one PromQL value, and list one alert of that job.
/// </summary>
public sealed class ModelMonitor(PrometheusServer prometheus)
{
    public async Task ScrapeAsync(string job, ModelServer server) =>
        await prometheus.ConfigureAsync(new PrometheusServerOptions
        {
            Targets = [new PrometheusScrapeTarget(job, server.ScrapeAddress)],
            RuleFiles = new Dictionary<string, string> { ["model-alerts.yml"] = MonitoringRules.For(job) },
        });

    /// <summary>The query's single value, NaN while it has none.</summary>
    public async Task<double> ValueAsync(string promql) =>
        (await prometheus.QueryAsync(promql)).Select(s => s.Value).DefaultIfEmpty(double.NaN).Single();

    public async Task<IReadOnlyList<PrometheusAlert>> AlertsAsync(string name, string job) =>
        [.. (await prometheus.AlertsAsync()).Where(a => a.Name == name && a.Labels.GetValueOrDefault("job") == job)];
}
