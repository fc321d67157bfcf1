using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StatelessMind.Labs.Lifecycle.Serving;

namespace StatelessMind.Labs.Lifecycle.Tests.Serving;

/// <summary>1.2-6: every endpoint of the real server on loopback, and the answers equal the warehouse's rows for the same query.</summary>
[Collection(ServingCollection.Name)]
[Goal("1.2-6")]
public sealed class ServingEndpointTests(ServingFixture serving)
{
    private HttpClient Client => serving.Client;

    [Fact]
    public async Task Filters_give_the_warehouse_rows_of_the_same_query()
    {
        var stores = await Warehouse.StoresAsync(serving.Warehouse, ServingFixture.Schema);
        var store = stores[1].StoreKey;
        var page = await Client.GetFromJsonAsync<DailySalesPage>($"api/daily-sales?store={store}&from=2024-03-01&to=2024-05-31&min_revenue_cents=2000&limit=500", JsonSerializerOptions.Web);
        var expected = await Warehouse.DailySalesAsync(serving.Warehouse, ServingFixture.Schema,
            "f.store_key = @s and f.date_key between 20240301 and 20240531 and f.revenue_cents >= 2000", ("s", store));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, page!.Items);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Stores_all_and_by_region_equal_the_dimension()
    {
        var all = await Warehouse.StoresAsync(serving.Warehouse, ServingFixture.Schema);
        Assert.Equal(all, await Client.GetFromJsonAsync<List<StoreRow>>("api/stores", JsonSerializerOptions.Web));
        var region = all[0].RegionName;
        Assert.Equal(all.Where(s => s.RegionName == region), await Client.GetFromJsonAsync<List<StoreRow>>($"api/stores?region={region}", JsonSerializerOptions.Web));
        Assert.Empty((await Client.GetFromJsonAsync<List<StoreRow>>("api/stores?region=Nowhere", JsonSerializerOptions.Web))!);
    }

    [Fact]
    public async Task Health_readiness_metrics_openapi_and_the_interactive_page_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("health/ready")).StatusCode);
        var metrics = await Client.GetStringAsync("metrics");
        Assert.Contains("http_requests_received_total", metrics, StringComparison.Ordinal);
        using var openApi = JsonDocument.Parse(await Client.GetStringAsync("openapi/v1.json"));
        var paths = openApi.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/daily-sales", out var daily));
        Assert.True(paths.TryGetProperty("/api/stores", out _));
        var parameters = daily.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["store", "from", "to", "min_revenue_cents", "limit", "after"], parameters);
        var page = await Client.GetStringAsync("scalar/");
        Assert.DoesNotContain("cdn.jsdelivr.net", page, StringComparison.Ordinal);
        var script = await Client.GetAsync("scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Readiness_is_503_with_problem_details_when_the_marts_are_missing()
    {
        await using var host = await ServingHost.StartAsync(new ServingOptions(serving.Warehouse, "no_such_schema"));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var ready = await client.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("application/problem+json", ready.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/live")).StatusCode);
    }
}
