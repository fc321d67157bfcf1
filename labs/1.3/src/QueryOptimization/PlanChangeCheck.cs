namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>Decides from two parsed plans whether a rewrite brought the plan change it was meant to.</summary>
public static class PlanChangeCheck
{
    public static (bool Holds, string Description) Evaluate(PlanChange change, ExplainPlan before, ExplainPlan after, OptimizationWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(workload);
        var indexes = string.Join(", ", after.Nodes.Where(n => n.IndexName is not null).Select(n => n.IndexName).Distinct());
        switch (change)
        {
            case PlanChange.SubPlanToJoin:
            {
                var subplan = before.Nodes.FirstOrDefault(n => n.ParentRelationship == "SubPlan");
                var holds = subplan is not null && after.Nodes.All(n => n.ParentRelationship != "SubPlan") && after.Nodes.Any(n => n.NodeType is "Hash Join" or "Merge Join");
                return (holds, $"before: SubPlan run {subplan?.Loops ?? 0:N0} times; after: {(after.Nodes.Any(n => n.ParentRelationship == "SubPlan") ? "still a SubPlan" : "no SubPlan")}, " +
                               $"{string.Join("/", after.Nodes.Where(n => n.NodeType.EndsWith(" Join", StringComparison.Ordinal)).Select(n => n.NodeType).Distinct())}");
            }
            case PlanChange.SeqScanToIndex:
            {
                static bool ScansOrders(PlanNode n) => n.IsSeqScan && n.RelationName == "orders";
                var holds = before.Nodes.Any(ScansOrders) && !after.Nodes.Any(ScansOrders) && after.Nodes.Any(n => n.IsIndexAccess);
                return (holds, $"before: {(before.Nodes.Any(ScansOrders) ? "Seq Scan on orders" : "no Seq Scan")}; after: {(after.Nodes.Any(ScansOrders) ? "still a Seq Scan" : "index access")} ({indexes})");
            }
            case PlanChange.OffsetToKeyset:
            {
                static double Read(ExplainPlan p) => p.Nodes.Where(n => n.RelationName is not null || n.IndexName is not null).Select(n => n.TotalRows).DefaultIfEmpty(0).Max();
                // The seek may use a (placed_at, id) index, or placed_at plus an Incremental Sort of the tied rows: either reads about one page.
                var holds = Read(before) >= workload.Offset && Read(after) <= 2 * workload.PageSize && after.Nodes.Any(n => n.IsIndexAccess);
                return (holds, $"rows read by the scan: {Read(before):N0} with OFFSET {workload.Offset:N0}, {Read(after):N0} with the keyset seek ({indexes})");
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "unknown plan change");
        }
    }
}
