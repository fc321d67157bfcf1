using System.Globalization;
using System.Net.Http.Json;
using StatelessMind.Labs.MlOps.Serving;

namespace StatelessMind.Labs.MlOps.Tests.Serving;

[Goal("3.2-1")]
public sealed class ModelServerMetricsTests(TrainedIris iris) : IClassFixture<TrainedIris>
{
    private static double Sample(string exposition, string series)
    {
        var line = exposition.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
                   ?? throw new Xunit.Sdk.XunitException($"No sample '{series}' in:\n{exposition}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Metrics_count_requests_time_predictions_and_report_their_distribution_and_drift()
    {
        await using var server = await ModelServer.StartAsync(iris.Model, new ModelServerOptions { DriftWindow = 30 });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        foreach (var row in iris.Test)
            (await http.PostAsJsonAsync("predict", new PredictRequest(row.Features))).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("predict", new PredictRequest([1f]))).Dispose();
        var text = await http.GetStringAsync("metrics");

        Assert.Equal(30, Sample(text, "model_requests_total{endpoint=\"predict\",code=\"200\"}"));
        Assert.Equal(1, Sample(text, "model_requests_total{endpoint=\"predict\",code=\"400\"}"));
        Assert.Equal(31, Sample(text, "model_request_duration_seconds_count"));
        Assert.Equal(31, Sample(text, "model_request_duration_seconds_bucket{le=\"+Inf\"}"));
        foreach (var species in iris.Model.Classes)
            Assert.Equal(iris.Test.Count(r => iris.Model.Predict(r.Features).Species == species), Sample(text, $"model_predictions_total{{species=\"{species}\"}}"));
        Assert.Equal(1, Sample(text, $"model_info{{version=\"{iris.Model.Version}\"}}"));

        var baseline = iris.Model.Baseline;
        for (var f = 0; f < baseline.Names.Count; f++)
        {
            var expected = Math.Abs(iris.Test.Average(r => (double)r.Features[f]) - baseline.Means[f]) / baseline.StandardDeviations[f];
            Assert.Equal(expected, Sample(text, $"model_input_drift{{feature=\"{baseline.Names[f]}\"}}"), 6);
        }
    }
}
