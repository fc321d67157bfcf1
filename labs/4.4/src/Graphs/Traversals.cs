namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>Breadth-first and depth-first search over a <see cref="WeightedDigraph"/>, visiting out-edges in the order
/// they were added (as QuikGraph does, so the orders can be compared).</summary>
public static class Traversals
{
    public static BfsResult Bfs(WeightedDigraph graph, int source, GraphBug bug = GraphBug.None)
    {
        RequireVertex(graph, source);
        var frontier = bug == GraphBug.BfsWithStack ? Frontier.LastInFirstOut() : Frontier.FirstInFirstOut();
        return BreadthFirst(graph, source, frontier);
    }

    internal static BfsResult BreadthFirst(WeightedDigraph graph, int source, Frontier frontier)
    {
        #region Exercise 4.4-2a: breadth-first search - mark a vertex when it is discovered, one hop more than the vertex it was reached from (tests: TraversalTests.Bfs*)
        var n = graph.VertexCount;
        var hops = Enumerable.Repeat(-1, n).ToArray();
        var parent = Enumerable.Repeat(-1, n).ToArray();
        var order = new List<int> { source };
        hops[source] = 0;
        frontier.Add(source, 0);
        while (frontier.Count > 0)
        {
            var (u, _) = frontier.Take();
            foreach (var e in graph.OutEdges(u))
            {
                if (hops[e.To] >= 0) continue;
                hops[e.To] = hops[u] + 1;
                parent[e.To] = u;
                order.Add(e.To);
                frontier.Add(e.To, hops[e.To]);
            }
        }
        return new BfsResult(hops, parent, order);
        #endregion
    }

    /// <summary>Depth-first search, iterative (no recursion depth limit), in the order a recursive one would go.</summary>
    public static DfsResult Dfs(WeightedDigraph graph, int source)
    {
        RequireVertex(graph, source);
        #region Exercise 4.4-2b: iterative depth-first search - a stack of (vertex, next out-edge), discovery and finish times (tests: TraversalTests.Dfs*)
        var n = graph.VertexCount;
        var discovery = Enumerable.Repeat(-1, n).ToArray();
        var finish = Enumerable.Repeat(-1, n).ToArray();
        var parent = Enumerable.Repeat(-1, n).ToArray();
        var order = new List<int>();
        var clock = 0;
        var stack = new Stack<(int Vertex, int NextEdge)>();
        discovery[source] = clock++;
        order.Add(source);
        stack.Push((source, 0));
        while (stack.Count > 0)
        {
            var (u, next) = stack.Pop();
            var edges = graph.OutEdges(u);
            if (next < edges.Count)
            {
                // Come back to u at its next edge once the subtree below this one is done.
                stack.Push((u, next + 1));
                var v = edges[next].To;
                if (discovery[v] >= 0) continue;
                discovery[v] = clock++;
                parent[v] = u;
                order.Add(v);
                stack.Push((v, 0));
            }
            else
            {
                finish[u] = clock++;
            }
        }
        return new DfsResult(discovery, finish, parent, order);
        #endregion
    }

    internal static void RequireVertex(WeightedDigraph graph, int vertex)
    {
        if ((uint)vertex >= (uint)graph.VertexCount)
            throw new ArgumentOutOfRangeException(nameof(vertex), vertex, $"the source must be a vertex of the graph, 0 … {graph.VertexCount - 1}");
    }
}
