using System.Net.Http.Json;
using StatelessMind.Labs.MlOps.Serving;

namespace StatelessMind.Labs.MlOps.Tests.Serving;

/// <summary>
/// A real Prometheus (Debian's package, started by the harness) scrapes a model server on a loopback port; the tests
/// read its HTTP API. Each test scrapes its own server under its own job name, with rules for that job. Every wait
/// polls Prometheus' API until a condition holds or a deadline passes.
/// </summary>
[Goal("3.2-1")]
public sealed class PrometheusMonitoringTests(PrometheusFixture prometheus, TrainedIris iris, ITestOutputHelper output)
    : IClassFixture<PrometheusFixture>, IClassFixture<TrainedIris>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private PrometheusServer Prometheus => prometheus.Server;
    private ModelMonitor Monitor => new(prometheus.Server);

    private static async Task PredictAsync(HttpClient http, IEnumerable<float[]> inputs)
    {
        foreach (var input in inputs)
        {
            using var response = await http.PostAsJsonAsync("predict", new PredictRequest(input));
            response.EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Prometheus_scrapes_the_server_and_sees_its_metrics()
    {
        const string job = "model-scrape";
        await using var server = await ModelServer.StartAsync(iris.Model);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        await PredictAsync(http, iris.Test.Select(r => r.Features));
        await Monitor.ScrapeAsync(job, server);
        await Eventually.UntilAsync(async () => await Monitor.ValueAsync($"sum(model_requests_total{{job=\"{job}\",endpoint=\"predict\"}})") == iris.Test.Count,
            Deadline, "Prometheus to have scraped 30 predictions");
        var target = (await Prometheus.TargetsAsync()).Single(t => t.Job == job);
        Assert.Equal("up", target.Health);
        Assert.Equal(iris.Test.Count, await Monitor.ValueAsync($"sum(model_predictions_total{{job=\"{job}\"}})"));
        Assert.Equal(iris.Test.Count, await Monitor.ValueAsync($"model_request_duration_seconds_count{{job=\"{job}\"}}"));
        Assert.Equal(1, await Monitor.ValueAsync($"model_info{{job=\"{job}\",version=\"{iris.Model.Version}\"}}"));
        Assert.Equal(4, (await Prometheus.QueryAsync($"model_input_drift{{job=\"{job}\"}}")).Count);
    }

    [Fact]
    public async Task The_drift_alert_stays_silent_on_training_like_inputs_and_fires_when_a_feature_shifts()
    {
        const string job = "model-drift";
        await using var server = await ModelServer.StartAsync(iris.Model, new ModelServerOptions { DriftWindow = 30 });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        await PredictAsync(http, iris.Test.Select(r => r.Features));
        await Monitor.ScrapeAsync(job, server);
        // Several evaluations of the group over the in-distribution window; the alert is evaluated beside the recording rule.
        await Eventually.UntilAsync(async () => await Monitor.ValueAsync($"count_over_time({MonitoringRules.DriftSeries(job)}[1m])") >= 4,
            Deadline, "four rule evaluations over in-distribution inputs");
        var quiet = await Monitor.ValueAsync($"max_over_time({MonitoringRules.DriftSeries(job)}[1m])");
        output.WriteLine($"largest drift on test inputs: {quiet:F3} σ");
        Assert.True(quiet < MonitoringRules.DriftThreshold);
        Assert.Empty(await Monitor.AlertsAsync(MonitoringRules.DriftAlert, job));

        // Petal length up by 6 cm on every input of the window: more than 3 training σ above its mean.
        await PredictAsync(http, iris.Test.Select(r => new[] { r.Features[0], r.Features[1], r.Features[2] + 6f, r.Features[3] }));
        await Eventually.UntilAsync(async () => (await Monitor.AlertsAsync(MonitoringRules.DriftAlert, job)).Any(a => a.State == "firing"),
            Deadline, $"{MonitoringRules.DriftAlert} to fire");
        var alert = (await Monitor.AlertsAsync(MonitoringRules.DriftAlert, job)).Single();
        Assert.True(alert.Value > MonitoringRules.DriftThreshold);
        Assert.Equal(server.Drift.Drift().Max(), alert.Value, 6);
    }
}
