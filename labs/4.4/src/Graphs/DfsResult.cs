namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>Depth-first search from one source: discovery and finish times (−1 if unreached), the DFS tree's parents,
/// and the discovery order. For any two vertices the intervals [discovery, finish] nest or are disjoint.</summary>
public sealed record DfsResult(int[] Discovery, int[] Finish, int[] Parent, IReadOnlyList<int> Order);
