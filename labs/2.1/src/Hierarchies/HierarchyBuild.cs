using StatelessMind.Labs.DimensionalModeling.StarSchema;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.DimensionalModeling.Hierarchies;

/// <summary>Builds the project (seeds, models, tests) over generated data, with a planted bug edited into a private copy.</summary>
public static class HierarchyBuild
{
    public static Task<(DbtRunner Runner, IReadOnlyList<NodeResult> Results)> RunAsync(
        string connectionString, RetailOperationalData data, HierarchyBug bug, CancellationToken cancellationToken) =>
        StarSchemaBuild.RunAsync(connectionString, data, copy =>
        {
            if (bug == HierarchyBug.RollupWithoutWeight)
                StarSchemaBuild.Replace(Path.Combine(copy, "models", "marts", "account_amount_by_segment.sql"),
                    "sum(facts.amount_cents * bridge.weighting_factor)", "sum(facts.amount_cents)");
        }, cancellationToken);
}
