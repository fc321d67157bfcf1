using StatelessMind.Labs.ProbabilisticModels.Flows;
using StatelessMind.Labs.ProbabilisticModels.Optimization;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Flows;

/// <summary>Exercise 3.3-3d: a flow is cheapest exactly when its residual network has no negative-cost cycle.</summary>
public sealed class ResidualCycleTests
{
    /// <summary>Two routes from 0 to 3: 0 → 1 → 3 costs 1 + 1, 0 → 2 → 3 costs 5 + 5; each carries up to 2.</summary>
    private static FlowNetwork TwoRoutes()
    {
        var network = new FlowNetwork("two routes", 4);
        network.AddArc(0, 1, 2, 1);
        network.AddArc(1, 3, 2, 1);
        network.AddArc(0, 2, 2, 5);
        network.AddArc(2, 3, 2, 5);
        return network;
    }

    [Fact]
    [Goal("3.3-3")]
    public void The_expensive_route_has_a_negative_cycle_and_the_cheap_one_none()
    {
        var network = TwoRoutes();
        Assert.Null(ResidualCycles.NegativeCycle(network, [2, 2, 0, 0]));
        var cycle = ResidualCycles.NegativeCycle(network, [0, 0, 2, 2]);
        Assert.NotNull(cycle);
        Assert.Equal(cycle[0], cycle[^1]);
        Assert.Equal([0, 1, 2, 3], cycle.Skip(1).Order());
        Assert.True(ResidualCost(network, [0, 0, 2, 2], cycle) < 0);
    }

    [Fact]
    [Goal("3.3-3")]
    public void Or_tools_min_cost_flows_have_none_and_equal_the_lp()
    {
        var random = new Random(23);
        for (var k = 0; k < 30; k++)
        {
            var nodes = random.Next(5, 30);
            var network = FlowNetwork.Random(random, nodes, nodes * 4);
            var amount = EdmondsKarp.MaxFlow(network, 0, nodes - 1).Value / 2;
            var (cost, flows) = ReferenceFlows.OrToolsMinCostFlow(network, 0, nodes - 1, amount);
            Assert.Null(ResidualCycles.NegativeCycle(network, flows));
            var (program, solution) = ReferenceFlows.MinCostFlowAsLp(network, 0, nodes - 1, amount);
            Assert.Equal(cost, solution.Objective, 6);
            Assert.True(OptimalityCertificate.Check(program, solution).Holds);
        }
    }

    [Fact]
    [Goal("3.3-3")]
    public void Planted_bug_ignoring_costs_is_caught_by_a_negative_cycle()
    {
        var random = new Random(29);
        var costlier = 0;
        for (var k = 0; k < 30; k++)
        {
            var network = FlowNetwork.Random(random, 20, 80);
            var amount = EdmondsKarp.MaxFlow(network, 0, 19).Value;
            var (cost, _) = MinCostFlows.Cheapest(network, 0, 19, amount);
            var (blindCost, blind) = MinCostFlows.Cheapest(network, 0, 19, amount, FlowBug.CostsIgnored);
            Assert.True(blindCost >= cost);
            if (blindCost == cost) continue;
            costlier++;
            var cycle = ResidualCycles.NegativeCycle(network, blind);
            Assert.NotNull(cycle);
            Assert.True(ResidualCost(network, blind, cycle) < 0);
        }
        Assert.True(costlier > 0, "the cost-blind flow was never costlier");
    }

    /// <summary>The cost of going around <paramref name="cycle"/> in the residual network, taking the cheapest residual
    /// arc for each step; fails if a step has no residual arc.</summary>
    private static long ResidualCost(FlowNetwork network, IReadOnlyList<long> flow, IReadOnlyList<int> cycle)
    {
        long total = 0;
        for (var i = 0; i + 1 < cycle.Count; i++)
        {
            var (u, v) = (cycle[i], cycle[i + 1]);
            var options = network.Arcs.Select((arc, a) => (arc, a))
                .SelectMany(t => new[]
                {
                    t.arc.From == u && t.arc.To == v && flow[t.a] < t.arc.Capacity ? t.arc.Cost : (long?)null,
                    t.arc.From == v && t.arc.To == u && flow[t.a] > 0 ? -t.arc.Cost : (long?)null,
                })
                .Where(c => c is not null).Select(c => c!.Value).ToList();
            Assert.NotEmpty(options);
            total += options.Min();
        }
        return total;
    }
}
