using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>A dbt command in which a node errored or a test failed; <see cref="Results"/> holds every node's outcome.</summary>
public sealed class DbtCommandException(string command, IReadOnlyList<NodeResult> results)
    : InvalidOperationException(Describe(command, results))
{
    public string Command { get; } = command;
    public IReadOnlyList<NodeResult> Results { get; } = results;

    private static string Describe(string command, IReadOnlyList<NodeResult> results)
    {
        var bad = results.Where(r => r.Status is NodeStatus.Error or NodeStatus.Fail).ToList();
        return $"dbt {command}: {bad.Count} node(s) failed: " +
               string.Join(", ", bad.Select(b => b.Status == NodeStatus.Error ? $"{b.UniqueId} (error: {b.Message})" : $"{b.UniqueId} (fail: {b.Failures} rows)"));
    }
}
