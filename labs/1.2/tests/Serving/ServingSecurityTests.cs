using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StatelessMind.Labs.Lifecycle.Serving;

namespace StatelessMind.Labs.Lifecycle.Tests.Serving;

/// <summary>1.2-6: the classic SQL injection payloads in every parameter change nothing and reveal nothing; rate limiting answers 429.</summary>
[Collection(ServingCollection.Name)]
[Goal("1.2-6")]
public sealed class ServingSecurityTests(ServingFixture serving)
{
    public static TheoryData<string> Payloads => new()
    {
        "' OR '1'='1",
        "' OR 1=1 --",
        "'; DROP TABLE marts.fct_daily_store_sales; --",
        "x'; DELETE FROM marts.dim_store WHERE '1'='1",
        "1; UPDATE marts.fct_daily_store_sales SET units = 0",
        "' UNION SELECT store_key, store_id, store_name, city, region_name, country FROM marts.dim_store --",
        "\") OR 1=1 --",
        "1 OR 1=1",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_payload_in_any_parameter_is_refused_or_matches_nothing_and_the_tables_are_unchanged(string payload)
    {
        var before = await serving.FingerprintAsync(ServingFixture.Schema);
        var value = Uri.EscapeDataString(payload);
        foreach (var parameter in new[] { "store", "from", "to", "min_revenue_cents", "limit", "after" })
        {
            var response = await serving.Client.GetAsync($"api/daily-sales?{parameter}={value}");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{parameter}={payload}: {response.StatusCode}");
        }
        var stores = await serving.Client.GetAsync($"api/stores?region={value}");
        Assert.Equal(HttpStatusCode.OK, stores.StatusCode);
        Assert.Empty((await stores.Content.ReadFromJsonAsync<List<StoreRow>>(JsonSerializerOptions.Web))!);

        Assert.Equal(before, await serving.FingerprintAsync(ServingFixture.Schema));
    }

    [Fact]
    public async Task Planted_bug_a_concatenated_filter_lets_a_payload_widen_the_query_and_delete_rows()
    {
        const string schema = "marts_injectable";
        await serving.BuildMartsAsync(schema);
        await using var host = await ServingHost.StartAsync(new ServingOptions(serving.Warehouse, schema) { Bug = ServingBug.ConcatenatedFilter });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var before = await serving.FingerprintAsync(schema);

        var widened = await client.GetFromJsonAsync<List<StoreRow>>($"api/stores?region={Uri.EscapeDataString("' OR '1'='1")}", JsonSerializerOptions.Web);
        await client.GetAsync($"api/stores?region={Uri.EscapeDataString($"x'; DELETE FROM {schema}.dim_store; --")}");

        Assert.Equal((await Warehouse.StoresAsync(serving.Warehouse, ServingFixture.Schema)).Count, widened!.Count);
        Assert.NotEqual(before, await serving.FingerprintAsync(schema));
    }

    [Fact]
    public async Task Past_the_limit_a_client_gets_429_with_retry_after_and_health_is_not_limited()
    {
        await using var host = await ServingHost.StartAsync(new ServingOptions(serving.Warehouse, ServingFixture.Schema) { RequestsPerWindow = 3, Window = TimeSpan.FromMinutes(1) });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) codes.Add((await client.GetAsync("api/stores")).StatusCode);
        var limited = await client.GetAsync("api/daily-sales");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.RetryAfter?.ToString());
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/live")).StatusCode);
    }
}
