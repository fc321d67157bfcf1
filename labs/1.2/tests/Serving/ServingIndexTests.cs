using Npgsql;
using StatelessMind.Labs.Lifecycle.Etl;
using StatelessMind.Labs.Lifecycle.Serving;
using Xunit.Abstractions;

namespace StatelessMind.Labs.Lifecycle.Tests.Serving;

/// <summary>
/// 1.2-6: a page costs one index range scan. The plan PostgreSQL runs for the load test's query reads the page-order index
/// and stops after the page; on marts left without it (as the ETL loads them), the same query scans and sorts every row from the date on.
/// </summary>
[Collection(ServingCollection.Name)]
[Goal("1.2-6")]
public sealed class ServingIndexTests(ServingFixture serving, ITestOutputHelper output)
{
    private static readonly DailySalesQuery LoadTestPage = new(null, 20240601, null, null, 50, null);

    private async Task<IReadOnlyList<string>> PlanAsync(string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(serving.Warehouse);
        var plan = await new MartReader(dataSource, schema).ExplainDailySalesAsync(LoadTestPage, default);
        foreach (var line in plan) output.WriteLine(line);
        return plan;
    }

    private static bool Sorts(IEnumerable<string> plan) => plan.Any(line => line.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal));

    [Fact]
    public async Task A_page_is_read_from_the_page_order_index_without_a_sort()
    {
        var plan = await PlanAsync(ServingFixture.Schema);
        Assert.Contains(plan, line => line.Contains($"Index Scan using {ServingIndexes.PageOrderIndex}", StringComparison.Ordinal));
        Assert.False(Sorts(plan), "the page query sorts its rows although an index gives them in page order");
    }

    [Fact]
    public async Task Without_the_index_the_page_query_scans_and_sorts()
    {
        const string schema = "marts_unindexed";
        await EtlEltRun.RunEtlAsync(serving.Source, serving.Warehouse, schema, EtlBug.None, default);
        var plan = await PlanAsync(schema);
        Assert.Contains(plan, line => line.Contains("Seq Scan on fct_daily_store_sales", StringComparison.Ordinal));
        Assert.True(Sorts(plan), "without the index the rows can only come out of a sort");
    }

    [Fact]
    public async Task Preparing_twice_keeps_one_unique_index_on_the_page_key()
    {
        await ServingIndexes.EnsureAsync(serving.Warehouse, ServingFixture.Schema, default);
        await using var connection = new NpgsqlConnection(serving.Warehouse);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select i.indisunique, pg_get_indexdef(i.indexrelid)
            from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = @schema and c.relname = 'fct_daily_store_sales'
            """, connection);
        command.Parameters.AddWithValue("schema", ServingFixture.Schema);
        var indexes = new List<(bool Unique, string Definition)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) indexes.Add((reader.GetBoolean(0), reader.GetString(1)));
        var index = Assert.Single(indexes);
        output.WriteLine(index.Definition);
        Assert.True(index.Unique);
        Assert.EndsWith("(date_key, store_key)", index.Definition, StringComparison.Ordinal);
    }
}
