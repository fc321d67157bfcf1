namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>
/// One node of an EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) plan. <see cref="ActualRows"/> is per loop, as PostgreSQL
/// reports it; buffers include the node's children. <see cref="ParentRelationship"/> is "SubPlan" for a correlated subquery.
/// </summary>
public sealed record PlanNode(string NodeType, string? RelationName, string? IndexName, string? ParentRelationship,
    double ActualRows, double Loops, long SharedHit, long SharedRead, int Depth)
{
    public double TotalRows => ActualRows * Loops;
    public bool IsSeqScan => NodeType is "Seq Scan" or "Parallel Seq Scan";
    public bool IsIndexAccess => NodeType is "Index Scan" or "Index Only Scan" or "Bitmap Index Scan";
}
