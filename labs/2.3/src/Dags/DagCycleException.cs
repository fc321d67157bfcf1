namespace StatelessMind.Labs.Orchestration.Dags;

/// <summary>A DAG whose dependencies form a cycle; <see cref="Cycle"/> names it, first task repeated at the end.</summary>
public sealed class DagCycleException(string dagId, IReadOnlyList<string> cycle)
    : Exception($"DAG '{dagId}' has a cycle: {string.Join(" >> ", cycle)}. Remove one of these dependencies.")
{
    public string DagId { get; } = dagId;
    public IReadOnlyList<string> Cycle { get; } = cycle;
}
