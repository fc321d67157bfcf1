using System.Diagnostics;
using QuikGraph;
using QuikGraph.Algorithms.Ranking;

namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>
/// QuikGraph's ranking algorithm on a BidirectionalGraph holding the same edges. QuikGraph iterates the unnormalised
/// form r' = (1 − d) + d·Σ_{u→v} r_u/out(u) from r = 0, which sums to n at its fixed point and lets the rank of dangling
/// nodes leak; divided by n it is the PageRank vector on graphs without dangling nodes, and only there is it compared.
/// </summary>
public static class QuikGraphPageRank
{
    public static BidirectionalGraph<int, SEdge<int>> ToQuikGraph(CsrGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var quik = new BidirectionalGraph<int, SEdge<int>>(allowParallelEdges: true);
        quik.AddVertexRange(Enumerable.Range(0, graph.NodeCount));
        quik.AddEdgeRange(graph.Edges().Select(e => new SEdge<int>(e.From, e.To)));
        return quik;
    }

    /// <summary>Runs at most <paramref name="maxIterations"/> iterations (fewer if the unnormalised L1 change drops below
    /// n²·tol, the same stopping rule as <see cref="CsrPageRank"/> on its scale); returns the ranks divided by n.</summary>
    public static (double[] Ranks, TimeSpan Elapsed) Compute(BidirectionalGraph<int, SEdge<int>> graph, double damping, double tolerance, int maxIterations)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.VertexCount;
        var algorithm = new PageRankAlgorithm<int, SEdge<int>>(graph)
        {
            Damping = damping,
            Tolerance = (double)n * n * tolerance,
            MaxIterations = maxIterations,
        };
        var clock = Stopwatch.StartNew();
        algorithm.Compute();
        var elapsed = clock.Elapsed;
        var ranks = new double[n];
        foreach (var (vertex, rank) in algorithm.Ranks) ranks[vertex] = rank / n;
        return (ranks, elapsed);
    }
}
