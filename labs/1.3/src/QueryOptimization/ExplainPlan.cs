using System.Text.Json;

namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>A parsed EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON): the nodes in pre-order, the execution time and the plan's shared buffers.</summary>
public sealed record ExplainPlan(IReadOnlyList<PlanNode> Nodes, double ExecutionMs, double PlanningMs)
{
    /// <summary>Shared buffers found in memory, for the whole plan (the root includes its children and subplans).</summary>
    public long SharedHit => Nodes.Count > 0 ? Nodes[0].SharedHit : 0;

    /// <summary>Shared buffers read from outside shared_buffers (the OS cache or disk).</summary>
    public long SharedRead => Nodes.Count > 0 ? Nodes[0].SharedRead : 0;

    public long SharedBuffers => SharedHit + SharedRead;

    /// <summary>The node types, outermost first, with the relation or index they touch: "Hash Join > Seq Scan(orders)".</summary>
    public string Summary => string.Join(" > ", Nodes.Select(n =>
        n.NodeType + (n.IndexName is not null ? $"({n.IndexName})" : n.RelationName is not null ? $"({n.RelationName})" : "") + (n.ParentRelationship == "SubPlan" ? "[SubPlan]" : "")));

    /// <summary>Parses the single JSON document EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) returns.</summary>
    /// <exception cref="FormatException">The text is not such a document (names what is missing).</exception>
    public static ExplainPlan Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        #region Exercise 1.3-3a: parse EXPLAIN's JSON: walk the plan tree, keep node types, relations, indexes, rows, loops and buffers (tests: ExplainPlanTests)
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new FormatException($"EXPLAIN output is not JSON: {e.Message}", e); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array || doc.RootElement.GetArrayLength() == 0)
                throw new FormatException("EXPLAIN (FORMAT JSON) output must be a one-element array");
            var root = doc.RootElement[0];
            if (!root.TryGetProperty("Plan", out var plan)) throw new FormatException("EXPLAIN output has no \"Plan\"");
            if (!root.TryGetProperty("Execution Time", out var execution))
                throw new FormatException("EXPLAIN output has no \"Execution Time\": was it run with ANALYZE?");
            var nodes = new List<PlanNode>();
            Walk(plan, 0, nodes);
            return new ExplainPlan(nodes, execution.GetDouble(), root.TryGetProperty("Planning Time", out var planning) ? planning.GetDouble() : 0);
        }

        static void Walk(JsonElement node, int depth, List<PlanNode> nodes)
        {
            string? Text(string name) => node.TryGetProperty(name, out var v) ? v.GetString() : null;
            double Number(string name) => node.TryGetProperty(name, out var v) ? v.GetDouble() : 0;
            nodes.Add(new PlanNode(Text("Node Type") ?? throw new FormatException("a plan node has no \"Node Type\""),
                Text("Relation Name"), Text("Index Name"), Text("Parent Relationship"),
                Number("Actual Rows"), Number("Actual Loops"), (long)Number("Shared Hit Blocks"), (long)Number("Shared Read Blocks"), depth));
            if (node.TryGetProperty("Plans", out var children))
                foreach (var child in children.EnumerateArray()) Walk(child, depth + 1, nodes);
        }
        #endregion
    }
}
