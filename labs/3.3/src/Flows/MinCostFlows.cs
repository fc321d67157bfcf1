namespace StatelessMind.Labs.ProbabilisticModels.Flows;

/// <summary>The min-cost flow the experiment certifies: OR-Tools' answer, or under the planted bug a flow of the same
/// value chosen without looking at costs (the lab's Edmonds–Karp).</summary>
public static class MinCostFlows
{
    public static (long Cost, long[] Flows) Cheapest(FlowNetwork network, int source, int sink, long amount, FlowBug bug = FlowBug.None)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (bug != FlowBug.CostsIgnored) return ReferenceFlows.OrToolsMinCostFlow(network, source, sink, amount);
        var max = EdmondsKarp.MaxFlow(network, source, sink);
        if (max.Value != amount)
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"the planted cost-blind flow sends the maximum flow, {max.Value}");
        return (network.Cost(max.ArcFlows), max.ArcFlows);
    }
}
