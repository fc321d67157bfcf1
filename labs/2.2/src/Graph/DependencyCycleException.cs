namespace StatelessMind.Labs.Transformation.Graph;

/// <summary>The project's refs form a cycle; <see cref="Cycle"/> lists it, first node repeated at the end.</summary>
public sealed class DependencyCycleException(IReadOnlyList<string> cycle)
    : Exception($"dependency cycle: {string.Join(" -> ", cycle)}")
{
    public IReadOnlyList<string> Cycle { get; } = cycle;
}
