using StatelessMind.Labs.Programming.QueryOptimization;
using StatelessMind.Labs.Programming.Tests.Sql;

namespace StatelessMind.Labs.Programming.Tests.QueryOptimization;

/// <summary>Each rewrite on a real PostgreSQL: identical rows, the intended plan change, fewer buffers.</summary>
[Collection(PostgresCollection.Name)]
[Goal("1.3-3")]
public sealed class OptimizationCaseTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private async Task<CaseResult> RunAsync(OptimizationCase c)
    {
        var (conn, lab, _) = await ShopLab.OpenAsync(postgres);
        await using (conn)
        {
            var r = (await lab.RunAsync([c])).Single();
            output.WriteLine($"{c.Name}: {r.Before.Summary} ({r.Before.ExecutionMs:0.###} ms, {r.Before.SharedBuffers} buffers) → " +
                             $"{r.After.Summary} ({r.After.ExecutionMs:0.###} ms, {r.After.SharedBuffers} buffers); {r.PlanChangeDescription}");
            Assert.True(r.Identity.Identical, r.Identity.FirstDifference);
            Assert.NotEmpty(r.BeforeRows.Rows);
            Assert.True(r.PlanChanged, r.PlanChangeDescription);
            return r;
        }
    }

    [Fact]
    public async Task The_correlated_subquery_becomes_one_aggregate_and_a_join()
    {
        var r = await RunAsync(OptimizationCases.CorrelatedSubquery());
        // The SubPlan ran once per order; afterwards nothing runs per row.
        Assert.Equal(20_000, r.Before.Nodes.Single(n => n.ParentRelationship == "SubPlan").Loops);
        Assert.True(r.After.SharedBuffers < r.Before.SharedBuffers);
    }

    [Fact]
    public async Task The_function_on_the_column_becomes_a_range_the_index_answers()
    {
        var r = await RunAsync(OptimizationCases.FunctionOnIndexedColumn());
        Assert.Contains(r.After.Nodes, n => n.IndexName == "orders_placed_idx");
    }

    [Fact]
    public async Task The_or_becomes_a_union_of_two_index_lookups()
    {
        var r = await RunAsync(OptimizationCases.OrAcrossColumns());
        Assert.Contains(r.After.Nodes, n => n.IndexName == "orders_customer_idx");
        Assert.Contains(r.After.Nodes, n => n.IndexName == "orders_recipient_idx");
    }

    [Fact]
    public async Task Offset_paging_becomes_a_keyset_seek()
    {
        var r = await RunAsync(OptimizationCases.OffsetPagination());
        Assert.Equal(25, r.AfterRows.Rows.Count);
        Assert.True(r.After.SharedBuffers * 10 < r.Before.SharedBuffers, $"{r.After.SharedBuffers} vs {r.Before.SharedBuffers} buffers");
    }
}
