namespace StatelessMind.Labs.ProbabilisticModels.Flows;

/// <summary>An arc with an integer capacity and a cost per unit of flow.</summary>
public sealed record FlowArc(int From, int To, long Capacity, long Cost);

/// <summary>
/// A directed network on nodes 0 … n−1 with integer capacities (and costs, for min-cost flow). Parallel and opposite
/// arcs are allowed; each arc keeps its index, which is how flows are reported. Checked as it is built.
/// </summary>
public sealed class FlowNetwork(string name, int nodes)
{
    private readonly List<FlowArc> _arcs = [];

    public string Name { get; } = name;
    public int NodeCount { get; } = nodes >= 2 ? nodes : throw new ModelDefinitionException(name, "node count", "at least 2 nodes", $"{nodes}");
    public IReadOnlyList<FlowArc> Arcs => _arcs;

    public int AddArc(int from, int to, long capacity, long cost = 0)
    {
        var where = $"arc {_arcs.Count} ({from} → {to})";
        if (from < 0 || from >= NodeCount || to < 0 || to >= NodeCount)
            throw new ModelDefinitionException(Name, where, $"nodes in 0 … {NodeCount - 1}", $"{from} → {to}");
        if (from == to) throw new ModelDefinitionException(Name, where, "an arc between two different nodes", "a loop");
        if (capacity < 0) throw new ModelDefinitionException(Name, where, "a capacity ≥ 0", $"{capacity}");
        _arcs.Add(new FlowArc(from, to, capacity, cost));
        return _arcs.Count - 1;
    }

    internal void CheckTerminals(int source, int sink)
    {
        if (source < 0 || source >= NodeCount) throw new ModelDefinitionException(Name, "source", $"a node in 0 … {NodeCount - 1}", $"{source}");
        if (sink < 0 || sink >= NodeCount) throw new ModelDefinitionException(Name, "sink", $"a node in 0 … {NodeCount - 1}", $"{sink}");
        if (source == sink) throw new ModelDefinitionException(Name, "source and sink", "two different nodes", $"node {source} for both");
    }

    /// <summary>
    /// How far a flow is from feasible: the largest capacity or sign violation of an arc, and the largest imbalance of a
    /// node against its supply (supply[v] = what v injects: the flow value at the source, minus it at the sink).
    /// </summary>
    public (long Capacity, long Conservation) Violations(IReadOnlyList<long> flow, IReadOnlyList<long> supply)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(supply);
        long capacity = 0;
        var balance = new long[NodeCount];
        for (var a = 0; a < _arcs.Count; a++)
        {
            capacity = Math.Max(capacity, Math.Max(-flow[a], flow[a] - _arcs[a].Capacity));
            balance[_arcs[a].From] += flow[a];
            balance[_arcs[a].To] -= flow[a];
        }
        long conservation = 0;
        for (var v = 0; v < NodeCount; v++) conservation = Math.Max(conservation, Math.Abs(balance[v] - supply[v]));
        return (capacity, conservation);
    }

    /// <summary>The capacity of the cut: the arcs from the source side to the other side.</summary>
    public long CutCapacity(IReadOnlyList<bool> sourceSide)
    {
        ArgumentNullException.ThrowIfNull(sourceSide);
        return _arcs.Where(a => sourceSide[a.From] && !sourceSide[a.To]).Sum(a => a.Capacity);
    }

    public long Cost(IReadOnlyList<long> flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return _arcs.Select((a, i) => a.Cost * flow[i]).Sum();
    }

    /// <summary>
    /// A random network of <paramref name="arcs"/> arcs between random pairs of nodes, with capacities
    /// 1 … <paramref name="maxCapacity"/> and costs 0 … 20, and no parallel or opposite arcs (QuikGraph's reversed-edge
    /// augmentor wants none). No arc enters node 0 (the source) or leaves node n−1 (the sink).
    /// </summary>
    public static FlowNetwork Random(Random random, int nodes, int arcs, int maxCapacity = 100, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        var network = new FlowNetwork(name ?? $"random network ({nodes} nodes)", nodes);
        var used = new HashSet<(int, int)>();
        var attempts = 0;
        while (network.Arcs.Count < arcs && attempts++ < arcs * 20)
        {
            var from = random.Next(nodes - 1);
            var to = random.Next(1, nodes);
            if (from == to || used.Contains((from, to)) || used.Contains((to, from))) continue;
            used.Add((from, to));
            network.AddArc(from, to, random.Next(1, maxCapacity + 1), random.Next(0, 21));
        }
        return network;
    }
}
