using System.Net;
using System.Net.Http.Json;
using StatelessMind.Labs.MlOps.Serving;

namespace StatelessMind.Labs.MlOps.Tests.Serving;

[Goal("3.2-1")]
public sealed class ModelServerTests(TrainedIris iris) : IClassFixture<TrainedIris>
{
    [Fact]
    public async Task Predict_answers_the_species_with_the_model_version_header()
    {
        await using var server = await ModelServer.StartAsync(iris.Model);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        foreach (var row in iris.Test.Take(10))
        {
            using var response = await http.PostAsJsonAsync("predict", new PredictRequest(row.Features));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([iris.Model.Version], response.Headers.GetValues(ModelServer.VersionHeader));
            var answer = await response.Content.ReadFromJsonAsync<PredictResponse>();
            Assert.Equal(iris.Model.Predict(row.Features).Species, answer!.Species);
            Assert.Equal(iris.Model.Classes, answer.Probabilities.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(iris.Model.Version, answer.ModelVersion);
        }
        Assert.Equal(10, server.Drift.Count);
    }

    [Fact]
    public async Task Bad_inputs_are_answered_400_and_not_counted_as_predictions()
    {
        await using var server = await ModelServer.StartAsync(iris.Model);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var tooFew = await http.PostAsJsonAsync("predict", new PredictRequest([1f, 2f]));
        Assert.Equal(HttpStatusCode.BadRequest, tooFew.StatusCode);
        using var missing = await http.PostAsJsonAsync("predict", new { other = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(0, server.Drift.Count);
    }

    [Fact]
    public async Task Health_reports_the_loaded_model()
    {
        await using var server = await ModelServer.StartAsync(iris.Model);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<HealthResponse>();
        Assert.Equal(new HealthResponse("healthy", iris.Model.Version, 0), health);
    }
}
