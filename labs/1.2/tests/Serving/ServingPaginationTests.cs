using StatelessMind.Labs.Lifecycle.Serving;

namespace StatelessMind.Labs.Lifecycle.Tests.Serving;

/// <summary>1.2-6b: keyset pagination returns every row exactly once, in order, whatever the page size.</summary>
[Collection(ServingCollection.Name)]
[Goal("1.2-6")]
public sealed class ServingPaginationTests(ServingFixture serving)
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public async Task Walking_the_pages_gives_every_row_once_in_order(int limit)
    {
        var expected = await Warehouse.DailySalesAsync(serving.Warehouse, ServingFixture.Schema, "f.date_key <= 20240315");

        var (rows, pages) = await Warehouse.WalkAsync(serving.Client, $"to=2024-03-15&limit={limit}");

        Assert.True(expected.Count > 20, $"{expected.Count} rows");
        Assert.Equal(expected, rows);
        Assert.Equal((expected.Count + limit - 1) / limit, pages);
    }

    [Fact]
    public async Task Planted_bug_a_cursor_on_the_date_alone_skips_the_rows_that_share_the_boundary_date()
    {
        await using var host = await ServingHost.StartAsync(new ServingOptions(serving.Warehouse, ServingFixture.Schema) { Bug = ServingBug.KeysetSkipsTies });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var expected = await Warehouse.DailySalesAsync(serving.Warehouse, ServingFixture.Schema, "f.date_key <= 20240315");

        var (rows, _) = await Warehouse.WalkAsync(client, "to=2024-03-15&limit=7");

        Assert.True(rows.Count < expected.Count, $"{rows.Count} rows served of {expected.Count}");
        Assert.NotEmpty(expected.Except(rows));
    }
}
