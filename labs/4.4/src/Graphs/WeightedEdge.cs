namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>A directed edge with a weight (a length, a cost, a time).</summary>
public readonly record struct WeightedEdge(int From, int To, double Weight);
