using StatelessMind.Labs.Retrieval.PageRank;

namespace StatelessMind.Labs.Retrieval.Tests.PageRank;

/// <summary>Graphs built for the tests without going through <see cref="CsrGraph.FromEdges"/>.</summary>
internal static class GraphFixtures
{
    /// <summary>The in-edge CSR of an edge list, built by sorting (independent of the counting sort under test).</summary>
    public static CsrGraph BySorting(int nodeCount, (int From, int To)[] edges)
    {
        var sorted = edges.OrderBy(e => e.To).ThenBy(e => e.From).ToArray();
        var offsets = new int[nodeCount + 1];
        var into = sorted.ToLookup(e => e.To);
        var outOf = edges.ToLookup(e => e.From);
        for (var v = 0; v < nodeCount; v++) offsets[v + 1] = offsets[v] + into[v].Count();
        var degree = Enumerable.Range(0, nodeCount).Select(u => outOf[u].Count()).ToArray();
        return new CsrGraph(offsets, sorted.Select(e => e.From).ToArray(), degree);
    }

    /// <summary>0→1, 0→2, 1→2, 2→0; node 3 has no out-edge.</summary>
    public static readonly (int From, int To)[] FourNodes = [(0, 1), (0, 2), (1, 2), (2, 0)];

    /// <summary>A random multigraph with self-loops and about a tenth of its nodes dangling.</summary>
    public static (int From, int To)[] RandomEdges(int nodes, int edges, int seed)
    {
        var random = new Random(seed);
        var dangling = Enumerable.Range(0, nodes).Where(_ => random.NextDouble() < 0.1).ToHashSet();
        var sources = Enumerable.Range(0, nodes).Where(u => !dangling.Contains(u)).ToArray();
        return Enumerable.Range(0, edges).Select(_ => (sources[random.Next(sources.Length)], random.Next(nodes))).ToArray();
    }
}
