using StatelessMind.Labs.Programming.QueryOptimization;

namespace StatelessMind.Labs.Programming.Tests.QueryOptimization;

[Goal("1.3-3")]
public sealed class ExplainPlanTests
{
    // The shape of PostgreSQL's EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) for a query with a correlated subquery.
    private const string Json = """
        [{"Plan": {"Node Type": "Seq Scan", "Relation Name": "orders", "Actual Rows": 7, "Actual Loops": 1,
                   "Shared Hit Blocks": 120, "Shared Read Blocks": 3,
                   "Plans": [{"Node Type": "Aggregate", "Parent Relationship": "SubPlan", "Actual Rows": 1, "Actual Loops": 40,
                              "Shared Hit Blocks": 80, "Shared Read Blocks": 0,
                              "Plans": [{"Node Type": "Index Scan", "Parent Relationship": "Outer", "Relation Name": "orders",
                                         "Index Name": "orders_customer_idx", "Actual Rows": 2.5, "Actual Loops": 40,
                                         "Shared Hit Blocks": 80, "Shared Read Blocks": 0}]}]},
          "Planning Time": 0.2, "Execution Time": 1.75}]
        """;

    [Fact]
    public void Nodes_come_out_in_pre_order_with_rows_loops_and_buffers()
    {
        var plan = ExplainPlan.Parse(Json);
        Assert.Equal(["Seq Scan", "Aggregate", "Index Scan"], plan.Nodes.Select(n => n.NodeType));
        Assert.Equal([0, 1, 2], plan.Nodes.Select(n => n.Depth));
        Assert.Equal(1.75, plan.ExecutionMs);
        Assert.Equal(0.2, plan.PlanningMs);
        Assert.Equal((120L, 3L, 123L), (plan.SharedHit, plan.SharedRead, plan.SharedBuffers));
        var scan = plan.Nodes[2];
        Assert.Equal(("orders", "orders_customer_idx", 100.0), (scan.RelationName, scan.IndexName, scan.TotalRows));
        Assert.Equal("SubPlan", plan.Nodes[1].ParentRelationship);
        Assert.True(scan.IsIndexAccess && plan.Nodes[0].IsSeqScan);
        Assert.Equal("Seq Scan(orders) > Aggregate[SubPlan] > Index Scan(orders_customer_idx)", plan.Summary);
    }

    [Fact]
    public void Output_without_analyze_or_not_json_is_a_typed_error_that_says_what_is_missing()
    {
        Assert.Contains("ANALYZE", Assert.Throws<FormatException>(() => ExplainPlan.Parse("""[{"Plan": {"Node Type": "Seq Scan"}}]""")).Message);
        Assert.Throws<FormatException>(() => ExplainPlan.Parse("Seq Scan on orders"));
        Assert.Throws<FormatException>(() => ExplainPlan.Parse("[]"));
    }
}
