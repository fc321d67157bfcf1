using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.DimensionalModeling.StarSchema;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.DimensionalModeling.Hierarchies;

/// <summary>
/// Goal 2.1-3: build the project's snowflaked product hierarchy (product → category → department) and its bridge
/// between accounts and their holders on PostgreSQL, and check that rollups up both are right: revenue per department
/// through the snowflake equals the data's and the star's; the weighted rollup through the bridge adds up to the
/// fact's total and matches the C# computation per segment; the unweighted one exceeds the total by exactly the
/// amounts of shared accounts counted again.
/// </summary>
/// <param name="bug">A mistake planted in a copy of the project (tests only): a check must then fail.</param>
public sealed class HierarchyExperiment(HierarchyBug bug) : IExperiment
{
    public HierarchyExperiment() : this(HierarchyBug.None) { }

    public string GoalId => "2.1-3";
    public string Title => "A snowflaked dimension and a weighted bridge table: rollups without double counting";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var data = RetailOperationalData.Generate(customers: context.Size(150, 20_000), products: context.Size(60, 2_000),
            stores: context.Size(5, 60), orders: context.Size(800, 100_000), context.Seed);
        var server = await context.Services.PostgresAsync(cancellationToken);
        var connectionString = await server.CreateDatabaseAsync("hierarchies", cancellationToken);
        context.Report(0.1, $"building the project over {data}");
        var (runner, results) = await HierarchyBuild.RunAsync(connectionString, data, bug, cancellationToken);
        context.Report(0.8, "rolling up");
        var audit = await HierarchyAudit.RunAsync(connectionString, runner.RelationOf("fct_sales").Schema, cancellationToken);

        var tests = results.Where(r => r.UniqueId.StartsWith("test.", StringComparison.Ordinal)).ToList();
        var failedTests = tests.Where(t => t.Status != NodeStatus.Pass).Select(t => t.UniqueId[(t.UniqueId.LastIndexOf('.') + 1)..]).ToList();
        var notBuilt = results.Where(r => r.UniqueId.StartsWith("model.", StringComparison.Ordinal) && r.Status != NodeStatus.Success).ToList();
        var departments = ExpectedDistinct(data.Products.Select(p => p.Department));
        var categories = ExpectedDistinct(data.Products.Select(p => p.Category));
        var oneDepartmentPerCategory = data.Products.GroupBy(p => p.Category).All(g => g.Select(p => p.Department).Distinct().Count() == 1);
        var revenue = HierarchyAudit.ExpectedRevenueByDepartment(data);
        var weighted = HierarchyAudit.ExpectedBySegment(data, weighted: true);
        var unweighted = HierarchyAudit.ExpectedBySegment(data, weighted: false);
        var factTotal = data.Transactions.Sum(t => t.AmountCents);
        var doubleCounted = HierarchyAudit.ExpectedDoubleCounted(data);
        var weightedTotal = audit.WeightedBySegment.Values.Sum();
        var unweightedTotal = audit.UnweightedBySegment.Values.Sum();
        var modelWeightedTotal = audit.ModelBySegment.Values.Sum(v => v.Weighted);
        var shared = data.Holders.GroupBy(h => h.AccountId).Count(g => g.Count() > 1);

        var builder = new FindingBuilder(GoalId, Title);
        builder.Table(FindingTable.Of($"Revenue per department ({data})", ["department", "through the snowflake", "through the star", "from the data"],
            revenue.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new object[]
                { kv.Key, audit.RevenueByDepartment.GetValueOrDefault(kv.Key), audit.StarRevenueByDepartment.GetValueOrDefault(kv.Key), kv.Value }).ToList()));
        builder.Table(FindingTable.Of($"Account amounts per holder segment ({data.Accounts.Count} accounts, {shared} shared)",
            ["segment", "weighted", "weighted (from the data)", "unweighted", "unweighted (from the data)", "model's weighted column"],
            weighted.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new object[]
            {
                kv.Key, audit.WeightedBySegment.GetValueOrDefault(kv.Key), kv.Value, audit.UnweightedBySegment.GetValueOrDefault(kv.Key),
                unweighted.GetValueOrDefault(kv.Key), audit.ModelBySegment.TryGetValue(kv.Key, out var m) ? m.Weighted : 0m,
            }).ToList()));
        builder
            .Check(notBuilt.Count == 0, $"every model builds{(notBuilt.Count > 0 ? " (failed: " + string.Join(", ", notBuilt.Select(r => r.UniqueId)) + ")" : "")}")
            .Check(failedTests.Count == 0, $"every dbt test passes ({tests.Count - failedTests.Count} of {tests.Count}{(failedTests.Count > 0 ? "; failing: " + string.Join(", ", failedTests) : "")})")
            .Check(audit.DepartmentRows == departments && audit.CategoryRows == categories && oneDepartmentPerCategory,
                $"the snowflake is normalised: one row per department ({audit.DepartmentRows} of {departments}) and per category ({audit.CategoryRows} of {categories})")
            .Check(SameMap(audit.RevenueByDepartment, revenue) && SameMap(audit.StarRevenueByDepartment, revenue),
                "revenue per department through the snowflake equals the data's and the star's")
            .Check(audit.AccountsWeightNotOne == 0, "every account's weighting factors add up to 1")
            .Check(SameMap(audit.WeightedBySegment, weighted) && weightedTotal == factTotal,
                "the weighted rollup through the bridge equals the data's per segment and adds up to the fact's total")
            .Check(SameMap(audit.UnweightedBySegment, unweighted) && unweightedTotal - factTotal == doubleCounted && (shared == 0 || unweightedTotal > factTotal),
                "the unweighted rollup exceeds the fact's total by exactly the shared accounts' amounts counted again")
            .Check(modelWeightedTotal == factTotal && audit.ModelBySegment.All(kv => kv.Value.Weighted == audit.WeightedBySegment.GetValueOrDefault(kv.Key)),
                "the project's account_amount_by_segment model: weighted column equals the audit's and adds up to the fact's total");

        var ratio = factTotal == 0 ? 0 : (double)(unweightedTotal / factTotal);
        return builder
            .Figure("weighted rollup / fact total", factTotal == 0 ? 0 : (double)(weightedTotal / factTotal), "×", key: true, target: "1")
            .Figure("unweighted rollup / fact total", ratio, "×", key: true)
            .Figure("model's weighted column / fact total", factTotal == 0 ? 0 : (double)(modelWeightedTotal / factTotal), "×", target: "1")
            .Figure("shared accounts", data.Accounts.Count == 0 ? 0 : 100.0 * shared / data.Accounts.Count, "%", key: true)
            .Figure("dbt tests passed", tests.Count - failedTests.Count, "", target: $"{tests.Count}")
            .Note("Expected rollups come from the generated rows in C# (decimal arithmetic); the shares are exact decimals adding up to 1, so the weighted totals are compared for equality, not within a tolerance.")
            .Note("Neither rollup is wrong as such: the unweighted one answers \"how much moved on accounts this segment holds\" and must not be added up across segments.")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"Over {data}: revenue per department through the snowflake {(SameMap(audit.RevenueByDepartment, revenue) ? "matches" : "does not match")} the data; " +
                $"weighted rollup / fact total = {(factTotal == 0 ? 0 : weightedTotal / factTotal):0.####}, unweighted = {ratio:0.####} with {shared} of {data.Accounts.Count} accounts shared."));
    }

    private static int ExpectedDistinct(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).Count();

    private static bool SameMap<T>(IReadOnlyDictionary<string, T> found, IReadOnlyDictionary<string, T> expected) =>
        found.Count == expected.Count && expected.All(kv => found.TryGetValue(kv.Key, out var v) && EqualityComparer<T>.Default.Equals(v, kv.Value));
}
