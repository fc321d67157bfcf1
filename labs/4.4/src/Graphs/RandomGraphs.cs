namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>
/// Generated graphs with a stated law: G(n, p) directed with p = degree/n, integer weights uniform in [1, 100]; a
/// reweighting by vertex potentials h uniform in [0, 60] (w'(u, v) = w + h(u) − h(v), negative edges but no negative
/// cycle, since every cycle keeps its weight); and a planted negative cycle reachable from vertex 0.
/// </summary>
public static class RandomGraphs
{
    public static WeightedDigraph Erdos(int n, double averageDegree, int seed)
    {
        var random = new Random(seed);
        var g = new WeightedDigraph(n);
        var edges = (long)Math.Round(n * averageDegree);
        for (long e = 0; e < edges; e++)
        {
            var u = random.Next(n);
            var v = random.Next(n);
            if (u != v) g.AddEdge(u, v, random.Next(1, 101));
        }
        return g;
    }

    /// <summary>The graph reweighted by random potentials, and the potentials: d'(s, v) = d(s, v) + h(s) − h(v).</summary>
    public static (WeightedDigraph Graph, int[] Potential) WithPotentials(WeightedDigraph g, int seed)
    {
        var random = new Random(seed);
        var h = Enumerable.Range(0, g.VertexCount).Select(_ => random.Next(0, 61)).ToArray();
        return (g.Reweighted(e => e.Weight + h[e.From] - h[e.To]), h);
    }

    /// <summary>A copy with the cycle a → b → c → a of weight −1 added, and an edge 0 → a so that it is reachable.</summary>
    public static (WeightedDigraph Graph, int[] Cycle) WithNegativeCycle(WeightedDigraph g, int seed)
    {
        var random = new Random(seed);
        var copy = g.Reweighted(e => e.Weight);
        var picked = Enumerable.Range(1, g.VertexCount - 1).OrderBy(_ => random.Next()).Take(3).ToArray();
        copy.AddEdge(0, picked[0], 1);
        copy.AddEdge(picked[0], picked[1], 1);
        copy.AddEdge(picked[1], picked[2], 1);
        copy.AddEdge(picked[2], picked[0], -3);
        return (copy, picked);
    }
}
