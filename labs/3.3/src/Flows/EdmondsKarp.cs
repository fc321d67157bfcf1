namespace StatelessMind.Labs.ProbabilisticModels.Flows;

/// <summary>
/// Edmonds–Karp: Ford–Fulkerson with each augmenting path found by breadth-first search, so it is a shortest path in
/// the residual network and the algorithm ends after O(V·E) augmentations. The residual network has, for each arc
/// u → v carrying f of capacity c, a forward residual arc u → v of c − f and a reverse one v → u of f; augmenting along
/// a reverse arc takes flow back off the original arc. When no path is left, the nodes the source still reaches form
/// the source side of a minimum cut, whose capacity equals the flow's value (max-flow min-cut).
/// </summary>
public static class EdmondsKarp
{
    /// <summary>A residual arc: which network arc it belongs to, and whether it runs along it (forward) or against it.</summary>
    internal readonly record struct Residual(int Arc, bool Forward);

    public static MaxFlowResult MaxFlow(FlowNetwork network, int source, int sink, FlowBug bug = FlowBug.None)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.CheckTerminals(source, sink);
        var arcs = network.Arcs;
        var flow = new long[arcs.Count];
        var adjacent = new List<Residual>[network.NodeCount];
        for (var v = 0; v < adjacent.Length; v++) adjacent[v] = [];
        for (var a = 0; a < arcs.Count; a++)
        {
            adjacent[arcs[a].From].Add(new Residual(a, true));
            if (bug != FlowBug.NoReverseResidualArcs) adjacent[arcs[a].To].Add(new Residual(a, false));
        }
        var (value, paths) = Augment(network, flow, adjacent, source, sink);
        var sourceSide = ReachableInResidual(network, flow, adjacent, source);
        return new MaxFlowResult(value, flow, sourceSide, paths);
    }

    /// <summary>Spare capacity of a residual arc under <paramref name="flow"/>.</summary>
    internal static long Spare(IReadOnlyList<FlowArc> arcs, long[] flow, Residual r) => r.Forward ? arcs[r.Arc].Capacity - flow[r.Arc] : flow[r.Arc];

    /// <summary>The node a residual arc leads to.</summary>
    internal static int Head(IReadOnlyList<FlowArc> arcs, Residual r) => r.Forward ? arcs[r.Arc].To : arcs[r.Arc].From;

    /// <summary>Augments along shortest residual paths until the sink is unreachable; returns the value added and the
    /// number of paths.</summary>
    internal static (long Value, int Paths) Augment(FlowNetwork network, long[] flow, List<Residual>[] adjacent, int source, int sink)
    {
        #region Exercise 3.3-3b: breadth-first search for a shortest residual path, push its bottleneck, repeat until none is left (tests: EdmondsKarpTests)
        var arcs = network.Arcs;
        long value = 0;
        var paths = 0;
        var via = new Residual?[network.NodeCount];
        var queue = new Queue<int>();
        while (true)
        {
            Array.Fill(via, null);
            queue.Clear();
            queue.Enqueue(source);
            var reached = false;
            while (queue.Count > 0 && !reached)
            {
                var u = queue.Dequeue();
                foreach (var r in adjacent[u])
                {
                    var w = Head(arcs, r);
                    if (w == source || via[w] is not null || Spare(arcs, flow, r) == 0) continue;
                    via[w] = r;
                    if (w == sink)
                    {
                        reached = true;
                        break;
                    }
                    queue.Enqueue(w);
                }
            }
            if (!reached) return (value, paths);
            var bottleneck = long.MaxValue;
            for (var v = sink; v != source; v = Tail(arcs, via[v]!.Value))
                bottleneck = Math.Min(bottleneck, Spare(arcs, flow, via[v]!.Value));
            for (var v = sink; v != source; v = Tail(arcs, via[v]!.Value))
            {
                var r = via[v]!.Value;
                flow[r.Arc] += r.Forward ? bottleneck : -bottleneck;
            }
            value += bottleneck;
            paths++;
        }
        #endregion
    }

    /// <summary>The node a residual arc starts from.</summary>
    internal static int Tail(IReadOnlyList<FlowArc> arcs, Residual r) => r.Forward ? arcs[r.Arc].From : arcs[r.Arc].To;

    /// <summary>The nodes reachable from <paramref name="source"/> along residual arcs with spare capacity.</summary>
    internal static bool[] ReachableInResidual(FlowNetwork network, long[] flow, List<Residual>[] adjacent, int source)
    {
        #region Exercise 3.3-3c: the source side of a minimum cut: every node the source reaches through residual arcs with spare capacity (tests: MinimumCutTests)
        var arcs = network.Arcs;
        var seen = new bool[network.NodeCount];
        var stack = new Stack<int>();
        seen[source] = true;
        stack.Push(source);
        while (stack.Count > 0)
        {
            var u = stack.Pop();
            foreach (var r in adjacent[u])
            {
                var w = Head(arcs, r);
                if (seen[w] || Spare(arcs, flow, r) == 0) continue;
                seen[w] = true;
                stack.Push(w);
            }
        }
        return seen;
        #endregion
    }
}
