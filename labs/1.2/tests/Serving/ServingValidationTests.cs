using System.Net;
using System.Text.Json;

namespace StatelessMind.Labs.Lifecycle.Tests.Serving;

/// <summary>1.2-6a: bad input gets 400 with problem details naming the parameter and what was expected.</summary>
[Collection(ServingCollection.Name)]
[Goal("1.2-6")]
public sealed class ServingValidationTests(ServingFixture serving)
{
    [Theory]
    [InlineData("limit=0", "limit", "from 1 to 500")]
    [InlineData("limit=501", "limit", "from 1 to 500")]
    [InlineData("limit=ten", "limit", "got 'ten'")]
    [InlineData("from=2024-02-30", "from", "yyyy-MM-dd")]
    [InlineData("from=2024-05-01&to=2024-04-01", "to", "not be before 'from'")]
    [InlineData("min_revenue_cents=-5", "min_revenue_cents", "whole number")]
    [InlineData("store=abc", "store", "32 lower-case hexadecimal digits")]
    [InlineData("after=not-a-cursor", "after", "'next' cursor")]
    [InlineData("limit=5&limit=6", "limit", "given once")]
    [InlineData("colour=red", "colour", "unknown parameter")]
    public async Task Bad_input_is_a_400_problem_naming_the_parameter(string query, string parameter, string message)
    {
        var response = await serving.Client.GetAsync($"api/daily-sales?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors").GetProperty(parameter).EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_good_query_passes_and_several_problems_are_all_reported()
    {
        Assert.Equal(HttpStatusCode.OK, (await serving.Client.GetAsync("api/daily-sales?from=2024-01-01&to=2024-01-31&limit=500")).StatusCode);
        using var problem = JsonDocument.Parse(await (await serving.Client.GetAsync("api/daily-sales?limit=0&from=x")).Content.ReadAsStringAsync());
        Assert.Equal(["from", "limit"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
