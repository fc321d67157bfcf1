namespace StatelessMind.Labs.ProbabilisticModels.Flows;

/// <summary>
/// The optimality test of a min-cost flow: a feasible flow is cheapest among flows of its value exactly when its
/// residual network has no cycle of negative cost (pushing flow around such a cycle keeps every balance and lowers the
/// cost). Residual arcs cost +c along an arc with spare capacity and −c against an arc carrying flow. Bellman–Ford from
/// a virtual node joined to every node finds such a cycle if there is one.
/// </summary>
public static class ResidualCycles
{
    /// <summary>A negative-cost residual cycle as a list of nodes (the first repeated at the end), or null when none exists.</summary>
    public static IReadOnlyList<int>? NegativeCycle(FlowNetwork network, IReadOnlyList<long> flow)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(flow);
        var residual = new List<(int From, int To, long Cost)>();
        foreach (var (arc, a) in network.Arcs.Select((arc, a) => (arc, a)))
        {
            if (flow[a] < arc.Capacity) residual.Add((arc.From, arc.To, arc.Cost));
            if (flow[a] > 0) residual.Add((arc.To, arc.From, -arc.Cost));
        }

        #region Exercise 3.3-3d: Bellman–Ford from every node at distance 0; a relaxation in round n proves a negative cycle, found by walking predecessors n times (tests: ResidualCycleTests)
        var n = network.NodeCount;
        var distance = new long[n]; // a virtual source at distance 0 from every node
        var predecessor = new int[n];
        Array.Fill(predecessor, -1);
        var last = -1;
        for (var round = 0; round < n; round++)
        {
            last = -1;
            foreach (var (from, to, cost) in residual)
            {
                if (distance[from] + cost < distance[to])
                {
                    distance[to] = distance[from] + cost;
                    predecessor[to] = from;
                    last = to;
                }
            }
            if (last < 0) return null;
        }
        // A relaxation in the n-th round: walking back n steps lands on the cycle.
        var v = last;
        for (var i = 0; i < n; i++) v = predecessor[v];
        var cycle = new List<int> { v };
        for (var u = predecessor[v]; u != v; u = predecessor[u]) cycle.Add(u);
        cycle.Add(v);
        cycle.Reverse();
        return cycle;
        #endregion
    }
}
