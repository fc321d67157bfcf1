namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>Breadth-first search from one source: edges on the fewest-edge path to each vertex (−1 if unreached), the
/// BFS tree's parent of each vertex (−1 for the source and the unreached), and the order vertices were discovered.</summary>
public sealed record BfsResult(int[] Hops, int[] Parent, IReadOnlyList<int> Order);
