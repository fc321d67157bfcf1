namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>Checks that a result is right without another implementation to compare with: the optimality conditions
/// of shortest paths and the parenthesis structure of depth-first search.</summary>
public static class GraphChecks
{
    /// <summary>
    /// Distances d are the shortest from <paramref name="source"/> exactly when d(source) = 0, no edge can still be
    /// relaxed (d(v) ≤ d(u) + w for every edge u → v with d(u) finite), and every reached vertex but the source has a
    /// parent edge that is tight (d(v) = d(parent) + w) — following parents back then reaches the source. The same
    /// conditions fail when a negative cycle is reachable: some edge on it can always be relaxed.
    /// </summary>
    public static bool IsShortestPathCertificate(WeightedDigraph graph, int source, ShortestPathTree tree)
    {
        if (tree.Distance.Length != graph.VertexCount || tree.Distance[source] != 0) return false;
        foreach (var e in graph.Edges)
            if (!double.IsPositiveInfinity(tree.Distance[e.From]) && tree.Distance[e.From] + e.Weight < tree.Distance[e.To]) return false;
        for (var v = 0; v < graph.VertexCount; v++)
        {
            if (v == source || double.IsPositiveInfinity(tree.Distance[v])) continue;
            var u = tree.Parent[v];
            if (u < 0 || !graph.OutEdges(u).Any(e => e.To == v && tree.Distance[u] + e.Weight == tree.Distance[v])) return false;
        }
        return true;
    }

    /// <summary>Every vertex's DFS parent has an edge to it.</summary>
    public static bool ParentsAreEdges(WeightedDigraph graph, int[] parent) =>
        Enumerable.Range(0, graph.VertexCount).All(v => parent[v] < 0 || graph.OutEdges(parent[v]).Any(e => e.To == v));

    /// <summary>The parenthesis theorem: for any two discovered vertices the intervals [discovery, finish] are nested or
    /// disjoint, and a vertex's interval lies inside its parent's.</summary>
    public static bool ParenthesesNest(DfsResult dfs)
    {
        var reached = Enumerable.Range(0, dfs.Discovery.Length).Where(v => dfs.Discovery[v] >= 0).ToArray();
        if (reached.Any(v => dfs.Finish[v] <= dfs.Discovery[v])) return false;
        if (reached.Any(v => dfs.Parent[v] >= 0 && !(dfs.Discovery[dfs.Parent[v]] < dfs.Discovery[v] && dfs.Finish[v] < dfs.Finish[dfs.Parent[v]]))) return false;
        // Sorted by discovery, intervals nest or are disjoint exactly when a stack of open intervals never sees a crossing.
        var open = new Stack<int>();
        foreach (var v in reached.OrderBy(v => dfs.Discovery[v]))
        {
            while (open.Count > 0 && dfs.Finish[open.Peek()] < dfs.Discovery[v]) open.Pop();
            if (open.Count > 0 && dfs.Finish[v] > dfs.Finish[open.Peek()]) return false;
            open.Push(v);
        }
        return true;
    }
}
