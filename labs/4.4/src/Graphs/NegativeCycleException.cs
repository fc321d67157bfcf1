namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>A cycle of negative total weight is reachable from the source: no shortest path exists to the vertices it reaches.</summary>
public sealed class NegativeCycleException(IReadOnlyList<int> cycle, double weight)
    : InvalidOperationException($"A negative cycle is reachable from the source: {string.Join(" → ", cycle.Append(cycle[0]))} weighs {weight} in total, so paths through it get shorter without end.")
{
    /// <summary>The cycle's vertices in order (the edge back to the first is implied).</summary>
    public IReadOnlyList<int> Cycle { get; } = cycle;

    public double Weight { get; } = weight;
}
