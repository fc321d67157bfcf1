namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>Dijkstra was given an edge of negative weight, for which its greedy choice is wrong.</summary>
public sealed class NegativeEdgeWeightException(WeightedEdge edge)
    : ArgumentException($"Dijkstra needs non-negative weights, but the edge {edge.From} → {edge.To} weighs {edge.Weight}. Use Bellman–Ford for graphs with negative edges.")
{
    public WeightedEdge Edge { get; } = edge;
}
