using StatelessMind.Labs.DimensionalModeling.Hierarchies;
using StatelessMind.Labs.DimensionalModeling.StarSchema;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.DimensionalModeling.Tests.Hierarchies;

/// <summary>The snowflake and the bridge built by the runner on real PostgreSQL, rolled up, and compared with C#.</summary>
[Collection(PostgresCollection.Name)]
[Goal("2.1-3")]
public sealed class HierarchyAuditTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly RetailOperationalData Data = RetailOperationalData.Generate(customers: 150, products: 60, stores: 5, orders: 1_500, seed: 7);

    private async Task<(IReadOnlyList<NodeResult> Results, HierarchyAuditReport Audit)> BuildAsync(HierarchyBug bug)
    {
        var db = await postgres.CreateDatabaseAsync("hierarchy");
        var (runner, results) = await HierarchyBuild.RunAsync(db, Data, bug, CancellationToken.None);
        foreach (var r in results.Where(r => r.Status is not (NodeStatus.Success or NodeStatus.Pass))) output.WriteLine($"{r.Status} {r.UniqueId} {r.Message}");
        return (results, await HierarchyAudit.RunAsync(db, runner.RelationOf("fct_sales").Schema, CancellationToken.None));
    }

    [Fact]
    public async Task Rollups_up_the_snowflake_and_through_the_bridge_equal_the_data_and_the_weighted_one_adds_up_to_the_fact()
    {
        var (results, audit) = await BuildAsync(HierarchyBug.None);

        Assert.All(results, r => Assert.True(r.Status is NodeStatus.Success or NodeStatus.Pass, $"{r.UniqueId}: {r.Status} {r.Message}"));
        Assert.Contains(results, r => r.UniqueId == "test.retail.relationships_dim_category_department_key");
        Assert.Equal(Data.Products.Select(p => p.Department).Distinct().Count(), audit.DepartmentRows);
        Assert.Equal(Data.Products.Select(p => p.Category).Distinct().Count(), audit.CategoryRows);
        var revenue = HierarchyAudit.ExpectedRevenueByDepartment(Data);
        Assert.Equal(revenue.OrderBy(kv => kv.Key), audit.RevenueByDepartment.OrderBy(kv => kv.Key));
        Assert.Equal(revenue.OrderBy(kv => kv.Key), audit.StarRevenueByDepartment.OrderBy(kv => kv.Key));

        var factTotal = Data.Transactions.Sum(t => t.AmountCents);
        Assert.Equal(factTotal, audit.FactAmountCents);
        Assert.Equal(0, audit.AccountsWeightNotOne);
        Assert.Equal(HierarchyAudit.ExpectedBySegment(Data, weighted: true).OrderBy(kv => kv.Key), audit.WeightedBySegment.OrderBy(kv => kv.Key));
        Assert.Equal(HierarchyAudit.ExpectedBySegment(Data, weighted: false).OrderBy(kv => kv.Key), audit.UnweightedBySegment.OrderBy(kv => kv.Key));
        Assert.Equal(factTotal, audit.WeightedBySegment.Values.Sum());
        Assert.True(Data.Holders.GroupBy(h => h.AccountId).Any(g => g.Count() > 1), "some accounts must be shared");
        Assert.Equal(factTotal + HierarchyAudit.ExpectedDoubleCounted(Data), audit.UnweightedBySegment.Values.Sum());
        Assert.Equal(factTotal, audit.ModelBySegment.Values.Sum(v => v.Weighted));
    }

    [Fact]
    public async Task A_rollup_without_the_weight_double_counts_shared_accounts_and_the_checks_catch_it()
    {
        var (results, audit) = await BuildAsync(HierarchyBug.RollupWithoutWeight);

        var factTotal = Data.Transactions.Sum(t => t.AmountCents);
        Assert.Equal(factTotal + HierarchyAudit.ExpectedDoubleCounted(Data), audit.ModelBySegment.Values.Sum(v => v.Weighted));
        Assert.Contains(results, r => r.UniqueId == "test.retail.assert_weighted_rollup_matches_fact" && r.Status == NodeStatus.Fail);
        Assert.Equal(factTotal, audit.WeightedBySegment.Values.Sum()); // the audit's own rollup keeps the weight
    }
}
