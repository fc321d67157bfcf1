using System.Text.Json;

namespace StatelessMind.Labs.Storage.Indexing;

/// <summary>One node of an EXPLAIN (FORMAT JSON) plan, flattened in pre-order.</summary>
public sealed record PlanNode(string NodeType, string? IndexName, string? RelationName, long SharedHit, long SharedRead, long? HeapFetches)
{
    /// <summary>Parses the output of EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON): the plan's nodes and its execution time.</summary>
    public static (List<PlanNode> Nodes, double ExecutionMs) Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement[0];
        var nodes = new List<PlanNode>();
        Walk(root.GetProperty("Plan"), nodes);
        return (nodes, root.GetProperty("Execution Time").GetDouble());
    }

    private static void Walk(JsonElement plan, List<PlanNode> nodes)
    {
        nodes.Add(new PlanNode(
            plan.GetProperty("Node Type").GetString()!,
            plan.TryGetProperty("Index Name", out var index) ? index.GetString() : null,
            plan.TryGetProperty("Relation Name", out var rel) ? rel.GetString() : null,
            plan.TryGetProperty("Shared Hit Blocks", out var hit) ? hit.GetInt64() : 0,
            plan.TryGetProperty("Shared Read Blocks", out var read) ? read.GetInt64() : 0,
            plan.TryGetProperty("Heap Fetches", out var fetches) ? fetches.GetInt64() : null));
        if (plan.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray()) Walk(child, nodes);
    }
}
