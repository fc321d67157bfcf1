namespace StatelessMind.Labs.Transformation.Graph;

/// <summary>
/// The DAG of a project: an edge runs from a node to each node that refs it. The build order is topological
/// (Kahn's algorithm, ties broken by name so that runs repeat); a cycle is an error that names it.
/// </summary>
public sealed class DependencyGraph
{
    private readonly SortedDictionary<string, SortedSet<string>> _downstream = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedSet<string>> _upstream = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Nodes => _downstream.Keys;

    public void AddNode(string node)
    {
        _downstream.TryAdd(node, new SortedSet<string>(StringComparer.Ordinal));
        _upstream.TryAdd(node, new SortedSet<string>(StringComparer.Ordinal));
    }

    /// <summary><paramref name="downstream"/> depends on <paramref name="upstream"/>.</summary>
    public void AddEdge(string upstream, string downstream)
    {
        AddNode(upstream);
        AddNode(downstream);
        _downstream[upstream].Add(downstream);
        _upstream[downstream].Add(upstream);
    }

    public IReadOnlySet<string> Parents(string node) => _upstream[node];

    public IReadOnlySet<string> Children(string node) => _downstream[node];

    public IReadOnlyList<string> TopologicalOrder()
    {
        #region Exercise 2.2-1a: order the nodes so that each comes after everything it refs; name a cycle if there is one (tests: DependencyGraphTests)
        var indegree = _upstream.ToDictionary(kv => kv.Key, kv => kv.Value.Count, StringComparer.Ordinal);
        var ready = new SortedSet<string>(indegree.Where(kv => kv.Value == 0).Select(kv => kv.Key), StringComparer.Ordinal);
        var order = new List<string>(indegree.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(next);
            foreach (var child in _downstream[next])
                if (--indegree[child] == 0) ready.Add(child);
        }
        if (order.Count < indegree.Count) throw new DependencyCycleException(FindCycle(indegree.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToHashSet()));
        return order;
        #endregion
    }

    /// <summary>A cycle among the nodes Kahn's algorithm could not order: walk parents until a node repeats.</summary>
    private List<string> FindCycle(HashSet<string> stuck)
    {
        var path = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var node = stuck.Order(StringComparer.Ordinal).First();
        while (!seen.ContainsKey(node))
        {
            seen[node] = path.Count;
            path.Add(node);
            node = _upstream[node].First(stuck.Contains);
        }
        var cycle = path[seen[node]..];
        cycle.Reverse(); // upstream first: a -> b means b refs a
        cycle.Add(cycle[0]);
        return cycle;
    }

    /// <summary>dbt's graph operators: <c>name</c>, <c>+name</c> (with its ancestors), <c>name+</c> (with its descendants), <c>+name+</c>.</summary>
    public IReadOnlySet<string> Select(string selector, Func<string, string?> resolve)
    {
        var up = selector.StartsWith('+');
        var down = selector.EndsWith('+');
        var name = selector.Trim('+');
        var start = resolve(name) ?? throw new UnknownNodeException(selector, name);
        var selected = new HashSet<string>(StringComparer.Ordinal) { start };
        #region Exercise 2.2-1b: follow the graph operators to a node's ancestors and descendants (tests: DependencyGraphTests)
        if (up) Walk(start, _upstream, selected);
        if (down) Walk(start, _downstream, selected);
        #endregion
        return selected;
    }

    private static void Walk(string start, SortedDictionary<string, SortedSet<string>> edges, HashSet<string> into)
    {
        var stack = new Stack<string>([start]);
        while (stack.Count > 0)
            foreach (var next in edges[stack.Pop()])
                if (into.Add(next)) stack.Push(next);
    }
}
