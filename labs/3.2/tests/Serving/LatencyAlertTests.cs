using System.Net.Http.Json;
using StatelessMind.Labs.MlOps.Serving;

namespace StatelessMind.Labs.MlOps.Tests.Serving;

/// <summary>
/// The latency alert on a real Prometheus (its own, started by the harness) scraping a model server whose predictions
/// are slowed down on purpose. Every wait polls Prometheus' API until a condition holds or a deadline passes.
/// </summary>
[Goal("3.2-1")]
public sealed class LatencyAlertTests(PrometheusFixture prometheus, TrainedIris iris, ITestOutputHelper output)
    : IClassFixture<PrometheusFixture>, IClassFixture<TrainedIris>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private ModelMonitor Monitor => new(prometheus.Server);

    [Fact]
    public async Task The_latency_alert_stays_silent_on_a_fast_server_and_fires_when_predictions_slow_down()
    {
        const string job = "model-latency";
        await using var server = await ModelServer.StartAsync(iris.Model);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var stop = new CancellationTokenSource();
        var inputs = iris.Test.Select(r => r.Features).ToArray();
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await http.PostAsJsonAsync("predict", new PredictRequest(inputs[i % inputs.Length]), stop.Token);
                    response.EnsureSuccessStatusCode();
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        });
        try
        {
            await Monitor.ScrapeAsync(job, server);
            await Eventually.UntilAsync(async () => await Monitor.ValueAsync($"count_over_time({MonitoringRules.LatencySeries(job)}[1m])") >= 4,
                Deadline, "four evaluations of the p99 over a fast server");
            var quiet = await Monitor.ValueAsync($"max_over_time({MonitoringRules.LatencySeries(job)}[1m])");
            output.WriteLine($"p99 while fast: {quiet * 1000:F2} ms");
            Assert.True(quiet < MonitoringRules.LatencyThresholdSeconds);
            Assert.Empty(await Monitor.AlertsAsync(MonitoringRules.LatencyAlert, job));

            server.InjectedLatency = TimeSpan.FromMilliseconds(120);
            await Eventually.UntilAsync(async () => (await Monitor.AlertsAsync(MonitoringRules.LatencyAlert, job)).Any(a => a.State == "firing"),
                Deadline, $"{MonitoringRules.LatencyAlert} to fire");
            Assert.True((await Monitor.AlertsAsync(MonitoringRules.LatencyAlert, job)).Single().Value > MonitoringRules.LatencyThresholdSeconds);
        }
        finally
        {
            await stop.CancelAsync();
            await traffic;
        }
    }
}
