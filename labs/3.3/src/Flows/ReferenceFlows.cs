using Google.OrTools.Graph;
using QuikGraph;
using QuikGraph.Algorithms.MaximumFlow;
using StatelessMind.Labs.ProbabilisticModels.Optimization;

namespace StatelessMind.Labs.ProbabilisticModels.Flows;

/// <summary>
/// The libraries the lab's own algorithms are checked against, in the role NetworkX plays in the curriculum:
/// QuikGraph's Edmonds–Karp, OR-Tools' push-relabel maximum flow and its cost-scaling min-cost flow, and the
/// min-cost flow written as a linear program for GLOP.
/// </summary>
public static class ReferenceFlows
{
    /// <summary>QuikGraph's <c>EdmondsKarpMaximumFlowAlgorithm</c> on the same arcs (the network must have no parallel or
    /// opposite arcs: its reversed-edge augmentor pairs each edge with one reverse edge).</summary>
    public static long QuikGraphMaxFlow(FlowNetwork network, int source, int sink)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.CheckTerminals(source, sink);
        var graph = new AdjacencyGraph<int, TaggedEdge<int, long>>();
        graph.AddVertexRange(Enumerable.Range(0, network.NodeCount));
        foreach (var arc in network.Arcs) graph.AddEdge(new TaggedEdge<int, long>(arc.From, arc.To, arc.Capacity));
        EdgeFactory<int, TaggedEdge<int, long>> factory = (s, t) => new TaggedEdge<int, long>(s, t, 0);
        var augmentor = new ReversedEdgeAugmentorAlgorithm<int, TaggedEdge<int, long>>(graph, factory);
        augmentor.AddReversedEdges();
        try
        {
            var algorithm = new EdmondsKarpMaximumFlowAlgorithm<int, TaggedEdge<int, long>>(graph, e => e.Tag, factory, augmentor);
            algorithm.Compute(source, sink);
            return (long)Math.Round(algorithm.MaxFlow);
        }
        finally
        {
            augmentor.RemoveReversedEdges();
        }
    }

    /// <summary>OR-Tools' <c>MaxFlow</c> (push-relabel): the value and the flow on each arc.</summary>
    public static (long Value, long[] Flows) OrToolsMaxFlow(FlowNetwork network, int source, int sink)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.CheckTerminals(source, sink);
        var solver = new MaxFlow();
        foreach (var arc in network.Arcs) solver.AddArcWithCapacity(arc.From, arc.To, arc.Capacity);
        if (network.Arcs.All(a => a.From != source && a.To != source)) return (0, new long[network.Arcs.Count]);
        var status = solver.Solve(source, sink);
        if (status != MaxFlow.Status.OPTIMAL) throw new InvalidOperationException($"OR-Tools MaxFlow stopped on {network.Name} with status {status}");
        return (solver.OptimalFlow(), [.. Enumerable.Range(0, network.Arcs.Count).Select(a => solver.Flow(a))]);
    }

    /// <summary>
    /// OR-Tools' <c>MinCostFlow</c>: send <paramref name="amount"/> units from source to sink at least cost. Returns the
    /// cost and the flow on each arc.
    /// </summary>
    public static (long Cost, long[] Flows) OrToolsMinCostFlow(FlowNetwork network, int source, int sink, long amount)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.CheckTerminals(source, sink);
        var solver = new MinCostFlow();
        foreach (var arc in network.Arcs) solver.AddArcWithCapacityAndUnitCost(arc.From, arc.To, arc.Capacity, arc.Cost);
        for (var v = 0; v < network.NodeCount; v++) solver.SetNodeSupply(v, v == source ? amount : v == sink ? -amount : 0);
        var status = solver.Solve();
        if (status == MinCostFlowBase.Status.INFEASIBLE)
            throw new ModelDefinitionException(network.Name, $"supply of {amount}", "an amount the network can carry from source to sink", "more than its maximum flow");
        if (status != MinCostFlowBase.Status.OPTIMAL) throw new InvalidOperationException($"OR-Tools MinCostFlow stopped on {network.Name} with status {status}");
        return (solver.OptimalCost(), [.. Enumerable.Range(0, network.Arcs.Count).Select(a => solver.Flow(a))]);
    }

    /// <summary>The same min-cost flow as a linear program (one variable per arc, 0 ≤ f ≤ capacity, one conservation row
    /// per node) solved by GLOP: an independent route to the optimal cost, with its own certificate.</summary>
    public static (LinearProgram Program, LpSolution Solution) MinCostFlowAsLp(FlowNetwork network, int source, int sink, long amount)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.CheckTerminals(source, sink);
        var lp = new LinearProgram($"{network.Name} as an LP", ObjectiveSense.Minimize);
        for (var a = 0; a < network.Arcs.Count; a++) lp.AddVariable($"f{a}", network.Arcs[a].Cost, 0, network.Arcs[a].Capacity);
        for (var v = 0; v < network.NodeCount; v++)
        {
            var terms = network.Arcs.Select((arc, a) => (arc, a))
                .Where(t => t.arc.From == v || t.arc.To == v)
                .Select(t => ($"f{t.a}", t.arc.From == v ? 1.0 : -1.0)).ToList();
            if (terms.Count == 0) continue;
            double supply = v == source ? amount : v == sink ? -amount : 0;
            lp.AddConstraint($"node {v}", terms, supply, supply);
        }
        return (lp, GlopSolver.Solve(lp));
    }
}
