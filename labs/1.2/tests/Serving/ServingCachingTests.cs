using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using StatelessMind.Labs.Lifecycle.Serving;

namespace StatelessMind.Labs.Lifecycle.Tests.Serving;

/// <summary>1.2-6c: ETags and conditional GET — 304 while the data is the same, a new tag as soon as it changes.</summary>
[Collection(ServingCollection.Name)]
[Goal("1.2-6")]
public sealed class ServingCachingTests(ServingFixture serving)
{
    private const string Query = "api/daily-sales?from=2024-02-01&to=2024-02-10&limit=500";

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, EntityTagHeaderValue? held = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (held is not null) request.Headers.IfNoneMatch.Add(held);
        return await client.SendAsync(request);
    }

    private async Task<T> WithOneRowChangedAsync<T>(Func<Task<T>> work)
    {
        await using var connection = new NpgsqlConnection(serving.Warehouse);
        await connection.OpenAsync();
        const string change = "update marts.fct_daily_store_sales set revenue_cents = revenue_cents + @d where (date_key, store_key) = (select date_key, store_key from marts.fct_daily_store_sales where date_key between 20240201 and 20240210 order by 1, 2 limit 1)";
        await using (var up = new NpgsqlCommand(change, connection)) { up.Parameters.AddWithValue("d", 1m); Assert.Equal(1, await up.ExecuteNonQueryAsync()); }
        try
        {
            return await work();
        }
        finally
        {
            await using var down = new NpgsqlCommand(change, connection);
            down.Parameters.AddWithValue("d", -1m);
            await down.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task The_same_data_gives_304_without_a_body_and_another_query_another_tag()
    {
        var first = await GetAsync(serving.Client, Query);
        var tag = first.Headers.ETag;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(tag);
        Assert.False(tag.IsWeak);

        var again = await GetAsync(serving.Client, Query, tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(tag, again.Headers.ETag);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(tag, (await GetAsync(serving.Client, Query.Replace("2024-02-10", "2024-02-11", StringComparison.Ordinal))).Headers.ETag);
    }

    [Fact]
    public async Task When_the_data_changes_the_tag_changes_and_the_held_copy_is_replaced()
    {
        var tag = (await GetAsync(serving.Client, Query)).Headers.ETag!;

        var changed = await WithOneRowChangedAsync(() => GetAsync(serving.Client, Query, tag));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(serving.Client, Query, tag)).StatusCode); // changed back: the old tag holds again
    }

    [Fact]
    public async Task Planted_bug_a_tag_from_the_query_answers_304_after_the_data_changed()
    {
        await using var host = await ServingHost.StartAsync(new ServingOptions(serving.Warehouse, ServingFixture.Schema) { Bug = ServingBug.EtagFromQuery });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var tag = (await GetAsync(client, Query)).Headers.ETag!;

        var changed = await WithOneRowChangedAsync(() => GetAsync(client, Query, tag));

        Assert.Equal(HttpStatusCode.NotModified, changed.StatusCode); // the client keeps a stale copy
    }
}
