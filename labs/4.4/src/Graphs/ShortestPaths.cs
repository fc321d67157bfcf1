namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>Single-source shortest paths: Dijkstra for non-negative weights, Bellman–Ford for any weights without a
/// reachable negative cycle (and a report of the cycle when there is one).</summary>
public static class ShortestPaths
{
    public static ShortestPathTree Dijkstra(WeightedDigraph graph, int source, GraphBug bug = GraphBug.None)
    {
        Traversals.RequireVertex(graph, source);
        foreach (var e in graph.Edges)
            if (e.Weight < 0) throw new NegativeEdgeWeightException(e);
        return Dijkstra(graph, source, bug == GraphBug.DijkstraWithFifo ? Frontier.FirstInFirstOut() : Frontier.ByPriority());
    }

    internal static ShortestPathTree Dijkstra(WeightedDigraph graph, int source, Frontier frontier)
    {
        #region Exercise 4.4-2c: Dijkstra - take the closest unsettled vertex, settle it, relax its out-edges; skip stale entries (tests: ShortestPathTests.Dijkstra*)
        var n = graph.VertexCount;
        var distance = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var parent = Enumerable.Repeat(-1, n).ToArray();
        var settled = new bool[n];
        distance[source] = 0;
        frontier.Add(source, 0);
        while (frontier.Count > 0)
        {
            var (u, d) = frontier.Take();
            if (settled[u] || d > distance[u]) continue; // a stale entry: u was reached more cheaply since
            settled[u] = true;
            foreach (var e in graph.OutEdges(u))
            {
                var candidate = d + e.Weight;
                if (settled[e.To] || candidate >= distance[e.To]) continue;
                distance[e.To] = candidate;
                parent[e.To] = u;
                frontier.Add(e.To, candidate);
            }
        }
        return new ShortestPathTree(distance, parent);
        #endregion
    }

    public static ShortestPathTree BellmanFord(WeightedDigraph graph, int source, GraphBug bug = GraphBug.None)
    {
        Traversals.RequireVertex(graph, source);
        var tree = Relax(graph, source);
        if (bug != GraphBug.SkipsNegativeCycleCheck && FindNegativeCycle(graph, tree) is { } cycle)
            throw new NegativeCycleException(cycle, CycleWeight(graph, cycle));
        return tree;
    }

    /// <summary>Up to n − 1 rounds relaxing every edge; stops early after a round that changed nothing.</summary>
    internal static ShortestPathTree Relax(WeightedDigraph graph, int source)
    {
        #region Exercise 4.4-2d: Bellman-Ford relaxation - n - 1 rounds over every edge, stopping after a round with no change (tests: ShortestPathTests.BellmanFord*)
        var n = graph.VertexCount;
        var distance = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var parent = Enumerable.Repeat(-1, n).ToArray();
        var edges = graph.Edges.ToArray();
        distance[source] = 0;
        for (var round = 1; round < n; round++)
        {
            var changed = false;
            foreach (var e in edges)
            {
                if (double.IsPositiveInfinity(distance[e.From]) || distance[e.From] + e.Weight >= distance[e.To]) continue;
                distance[e.To] = distance[e.From] + e.Weight;
                parent[e.To] = e.From;
                changed = true;
            }
            if (!changed) break;
        }
        return new ShortestPathTree(distance, parent);
        #endregion
    }

    /// <summary>One more round after n − 1: a vertex whose distance still falls is reached through a negative cycle, and
    /// n steps back along parents from it is surely on that cycle; following parents from there goes around it. Null when
    /// the round changes nothing.</summary>
    internal static IReadOnlyList<int>? FindNegativeCycle(WeightedDigraph graph, ShortestPathTree tree)
    {
        #region Exercise 4.4-2e: find a negative cycle - one more round of relaxation, n steps back along parents from a vertex it changed, then around (tests: ShortestPathTests.Negative*)
        var distance = (double[])tree.Distance.Clone();
        var parent = (int[])tree.Parent.Clone();
        var last = -1;
        foreach (var e in graph.Edges)
        {
            if (double.IsPositiveInfinity(distance[e.From]) || distance[e.From] + e.Weight >= distance[e.To]) continue;
            distance[e.To] = distance[e.From] + e.Weight;
            parent[e.To] = e.From;
            last = e.To;
        }
        if (last < 0) return null;
        var v = last;
        for (var i = 0; i < graph.VertexCount; i++) v = parent[v];
        var cycle = new List<int> { v };
        for (var u = parent[v]; u != v; u = parent[u]) cycle.Add(u);
        cycle.Reverse();
        return cycle;
        #endregion
    }

    /// <summary>The weight of a cycle given by its vertices: the lightest edge between each pair of consecutive vertices.</summary>
    public static double CycleWeight(WeightedDigraph graph, IReadOnlyList<int> cycle)
    {
        var total = 0.0;
        for (var i = 0; i < cycle.Count; i++)
        {
            var from = cycle[i];
            var to = cycle[(i + 1) % cycle.Count];
            var edges = graph.OutEdges(from).Where(e => e.To == to).ToList();
            if (edges.Count == 0) return double.NaN;
            total += edges.Min(e => e.Weight);
        }
        return total;
    }
}
