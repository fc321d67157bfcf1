using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>
/// Goal 4.4-2: the lab's BFS, DFS, Dijkstra and Bellman–Ford against QuikGraph's on random directed graphs of several
/// sizes — the same hop counts and visiting orders, the same distances from all four shortest-path runs, the
/// optimality certificate; negative edges (by random potentials, so the true distances are known) refused by Dijkstra
/// and handled by Bellman–Ford; a planted negative cycle reported. Then the times of the four, as ratios.
/// </summary>
/// <param name="bug">A mistake in the lab's algorithms (tests only): the cross-checks must then fail.</param>
public sealed class GraphsExperiment(GraphBug bug) : IExperiment
{
    private const double AverageDegree = 4;

    public GraphsExperiment() : this(GraphBug.None) { }

    public string GoalId => "4.4-2";
    public string Title => "BFS, DFS, Dijkstra and Bellman–Ford against QuikGraph on random graphs, negative edges and cycles";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var builder = new FindingBuilder(GoalId, Title);
        int[] sizes = context.Size<int[]>([100, 200, 400], [500, 1000, 2000, 4000]);
        var seeds = context.Size(4, 8);
        var tally = new Dictionary<string, (int Held, int Tried)>();
        void Count(string property, bool holds)
        {
            var (held, tried) = tally.GetValueOrDefault(property);
            tally[property] = (held + (holds ? 1 : 0), tried + 1);
        }

        foreach (var n in sizes)
        for (var s = 0; s < seeds; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seed = context.Seed + 1000 * n + s;
            var g = RandomGraphs.Erdos(n, AverageDegree, seed);
            var reference = new QuikGraphReference(g);

            var bfs = Traversals.Bfs(g, 0, bug);
            var (hops, bfsOrder) = reference.Bfs(0);
            Count("bfs", bfs.Hops.SequenceEqual(hops) && bfs.Order.SequenceEqual(bfsOrder));

            var dfs = Traversals.Dfs(g, 0);
            Count("dfs", dfs.Order.SequenceEqual(reference.DfsOrder(0)) && GraphChecks.ParenthesesNest(dfs) && GraphChecks.ParentsAreEdges(g, dfs.Parent));

            var dijkstra = ShortestPaths.Dijkstra(g, 0, bug);
            var bellmanFord = ShortestPaths.BellmanFord(g, 0, bug);
            var (theirBellmanFord, theirCycle) = reference.BellmanFord(0);
            Count("distances", dijkstra.Distance.SequenceEqual(reference.Dijkstra(0)) && dijkstra.Distance.SequenceEqual(bellmanFord.Distance)
                               && dijkstra.Distance.SequenceEqual(theirBellmanFord) && !theirCycle);
            Count("certificate", GraphChecks.IsShortestPathCertificate(g, 0, dijkstra) && GraphChecks.IsShortestPathCertificate(g, 0, bellmanFord));
            var unitHops = ShortestPaths.Dijkstra(g.Reweighted(_ => 1), 0, bug).Distance;
            Count("unit", unitHops.SequenceEqual(hops.Select(h => h < 0 ? double.PositiveInfinity : h)));

            var (shifted, h) = RandomGraphs.WithPotentials(g, seed + 1);
            var expected = dijkstra.Distance.Select((d, v) => d + h[0] - h[v]).ToArray();
            Count("potentials", ShortestPaths.BellmanFord(shifted, 0, bug).Distance.SequenceEqual(expected)
                                && new QuikGraphReference(shifted).BellmanFord(0).Distance.SequenceEqual(expected));
            Count("refused", RefusesNegativeEdges(shifted, bug));

            var (cyclic, _) = RandomGraphs.WithNegativeCycle(g, seed + 2);
            Count("cycle", ReportsNegativeCycle(cyclic, bug) && new QuikGraphReference(cyclic).BellmanFord(0).NegativeCycle);
        }

        var graphs = sizes.Length * seeds;
        Check(builder, tally, "bfs", "BFS: hop counts and discovery order equal QuikGraph's");
        Check(builder, tally, "dfs", "DFS: discovery order equals QuikGraph's, intervals nest, every tree edge is an edge");
        Check(builder, tally, "distances", "shortest paths: the lab's Dijkstra and Bellman–Ford and QuikGraph's Dijkstra and Bellman–Ford give the same distances");
        Check(builder, tally, "certificate", "shortest paths: no edge relaxes further and every parent edge is tight (the optimality certificate)");
        Check(builder, tally, "unit", "with unit weights Dijkstra's distances equal BFS's hop counts");
        Check(builder, tally, "potentials", "negative edges (weights shifted by potentials h): both Bellman–Fords give d(0, v) + h(0) − h(v)");
        Check(builder, tally, "refused", "negative edges: the lab's Dijkstra refuses the graph with a NegativeEdgeWeightException naming a negative edge");
        Check(builder, tally, "cycle", "a planted negative cycle: the lab's Bellman–Ford reports a cycle of negative weight, QuikGraph's flags one");

        var timings = sizes.Select(n => Time(n, context.Seed + n)).ToList();
        var largest = timings[^1];
        var ownOverQuik = largest.OwnDijkstra / largest.QuikDijkstra;
        var bellmanOverDijkstra = largest.OwnBellmanFord / largest.OwnDijkstra;
        var worstBellmanOverDijkstra = largest.WorstBellmanFord / largest.WorstDijkstra;
        TimingCheck(context, builder, ownOverQuik <= 2,
            string.Create(CultureInfo.InvariantCulture, $"the lab's Dijkstra takes at most 2× QuikGraph's time at n = {largest.N} (measured {ownOverQuik:0.00}×)"));
        // On random graphs Bellman–Ford's early exit stops it after a few rounds (about the depth of the shortest-path
        // tree); its O(VE) bound is reached when the edges come in the worst order, which is where it must lose.
        TimingCheck(context, builder, worstBellmanOverDijkstra > 10,
            string.Create(CultureInfo.InvariantCulture, $"on a path of {largest.N} vertices whose edges Bellman–Ford meets from the far end (n − 1 rounds), Bellman–Ford takes over 10× Dijkstra's time (measured {worstBellmanOverDijkstra:0}×)"));

        builder.Table(FindingTable.Of("Cross-checks on random graphs", ["property", "graphs where it held", "graphs"],
            tally.Select(kv => (IEnumerable<object?>)[kv.Key, kv.Value.Held, kv.Value.Tried])));
        builder.Table(FindingTable.Of("Best time of each algorithm from vertex 0 (ms), average out-degree 4", ["n", "edges", "lab Dijkstra", "QuikGraph Dijkstra", "lab Bellman–Ford", "QuikGraph Bellman–Ford", "lab BFS", "QuikGraph BFS", "worst-order path: Dijkstra", "worst-order path: Bellman–Ford"],
            timings.Select(t => (IEnumerable<object?>)[t.N, t.Edges, Ms(t.OwnDijkstra), Ms(t.QuikDijkstra), Ms(t.OwnBellmanFord), Ms(t.QuikBellmanFord), Ms(t.OwnBfs), Ms(t.QuikBfs), Ms(t.WorstDijkstra), Ms(t.WorstBellmanFord)])));
        builder.Plot(TimePlot(context, timings));
        builder.Note($"Load average when the run ended: {MachineLoad.Describe()}. Times are the best of several runs; the ratios, measured in one run, are the figures to read.");
        return Task.FromResult(builder
            .Figure("random graphs cross-checked", graphs, "", key: true)
            .Figure($"lab Dijkstra / QuikGraph Dijkstra time at n = {largest.N}", ownOverQuik, "×", key: true, target: "≤ 2×")
            .Figure($"lab Bellman–Ford / lab Dijkstra time at n = {largest.N}, random graph", bellmanOverDijkstra, "×", key: true)
            .Figure($"lab Bellman–Ford / lab Dijkstra time at n = {largest.N}, path in worst edge order", worstBellmanOverDijkstra, "×", key: true, target: "> 10×")
            .Figure($"lab BFS / QuikGraph BFS time at n = {largest.N}", largest.OwnBfs / largest.QuikBfs, "×")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"{graphs} random directed graphs (n = {string.Join(", ", sizes)}, average out-degree {AverageDegree}, weights 1 … 100), each also with potential-shifted negative weights and with a planted negative cycle, " +
                $"searched from vertex 0 by the lab's BFS, DFS, Dijkstra and Bellman–Ford and by QuikGraph's; times at every size, and of Dijkstra and Bellman–Ford on a path in the worst edge order")));
    }

    private static bool RefusesNegativeEdges(WeightedDigraph graph, GraphBug bug)
    {
        try
        {
            ShortestPaths.Dijkstra(graph, 0, bug);
            return false;
        }
        catch (NegativeEdgeWeightException e)
        {
            return e.Edge.Weight < 0;
        }
    }

    private static bool ReportsNegativeCycle(WeightedDigraph graph, GraphBug bug)
    {
        try
        {
            ShortestPaths.BellmanFord(graph, 0, bug);
            return false;
        }
        catch (NegativeCycleException e)
        {
            return e.Weight < 0 && e.Weight == ShortestPaths.CycleWeight(graph, e.Cycle);
        }
    }

    private static void Check(FindingBuilder builder, Dictionary<string, (int Held, int Tried)> tally, string key, string property)
    {
        var (held, tried) = tally[key];
        builder.Check(held == tried && tried > 0, string.Create(CultureInfo.InvariantCulture, $"{property} ({held} of {tried} graphs)"));
    }

    private static void TimingCheck(ExperimentContext context, FindingBuilder builder, bool holds, string target)
    {
        if (context.Scale == Scale.Full) builder.Check(holds, target);
        else builder.Note($"(checked at full scale only) {(holds ? "holds" : "does not hold")} here: {target}");
    }

    private sealed record Timings(int N, int Edges, double OwnDijkstra, double QuikDijkstra, double OwnBellmanFord, double QuikBellmanFord, double OwnBfs, double QuikBfs, double WorstDijkstra, double WorstBellmanFord);

    private static Timings Time(int n, int seed)
    {
        var g = RandomGraphs.Erdos(n, AverageDegree, seed);
        var reference = new QuikGraphReference(g);
        var path = new WeightedDigraph(n);
        // n − 1 → n − 2 → … → 0: Bellman–Ford scans edges by their tail, so it meets the edge nearest the far end
        // first and each round extends the settled prefix by one vertex.
        for (var v = 0; v + 1 < n; v++) path.AddEdge(v + 1, v, 1);
        return new Timings(n, g.EdgeCount,
            BestOfRuns.Seconds(() => ShortestPaths.Dijkstra(g, 0)),
            BestOfRuns.Seconds(() => reference.Dijkstra(0)),
            BestOfRuns.Seconds(() => ShortestPaths.BellmanFord(g, 0)),
            BestOfRuns.Seconds(() => reference.BellmanFord(0)),
            BestOfRuns.Seconds(() => Traversals.Bfs(g, 0)),
            BestOfRuns.Seconds(() => reference.Bfs(0)),
            BestOfRuns.Seconds(() => ShortestPaths.Dijkstra(path, n - 1)),
            BestOfRuns.Seconds(() => ShortestPaths.BellmanFord(path, n - 1)));
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.000", CultureInfo.InvariantCulture);

    private static PlotRef TimePlot(ExperimentContext context, IReadOnlyList<Timings> timings)
    {
        var plot = new ScottPlot.Plot();
        var xs = timings.Select(t => Math.Log10(t.N)).ToArray();
        foreach (var (name, pick) in new (string, Func<Timings, double>)[]
                 {
                     ("lab Dijkstra", t => t.OwnDijkstra), ("QuikGraph Dijkstra", t => t.QuikDijkstra),
                     ("lab Bellman–Ford", t => t.OwnBellmanFord), ("QuikGraph Bellman–Ford", t => t.QuikBellmanFord),
                     ("lab Bellman–Ford, worst-order path", t => t.WorstBellmanFord),
                 })
        {
            var line = plot.Add.Scatter(xs, timings.Select(t => Math.Log10(pick(t) * 1000)).ToArray());
            line.LegendText = name;
        }
        plot.Axes.Bottom.Label.Text = "log10 vertices (average out-degree 4)";
        plot.Axes.Left.Label.Text = "log10 ms, best of several runs";
        plot.Title("Single-source shortest paths: time against graph size");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return context.SavePlot(plot, "shortest-path-times.png", "Dijkstra and Bellman–Ford, the lab's and QuikGraph's, on random graphs and (Bellman–Ford) on a path in the worst edge order, against the number of vertices (log–log)");
    }
}
