using QuikGraph;
using QuikGraph.Algorithms.Search;
using QuikGraph.Algorithms.ShortestPath;

namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>The same graph in QuikGraph (NetworkX's role) and its BFS, DFS, Dijkstra and Bellman–Ford: the independent
/// implementations the lab's are cross-checked against.</summary>
public sealed class QuikGraphReference
{
    private readonly AdjacencyGraph<int, TaggedEdge<int, double>> _graph = new(allowParallelEdges: true);

    public QuikGraphReference(WeightedDigraph graph)
    {
        _graph.AddVertexRange(Enumerable.Range(0, graph.VertexCount));
        foreach (var e in graph.Edges) _graph.AddEdge(new TaggedEdge<int, double>(e.From, e.To, e.Weight));
        VertexCount = graph.VertexCount;
    }

    public int VertexCount { get; }

    /// <summary>Hops from the source along BFS tree edges, and the discovery order.</summary>
    public (int[] Hops, IReadOnlyList<int> Order) Bfs(int source)
    {
        var hops = Enumerable.Repeat(-1, VertexCount).ToArray();
        var order = new List<int>();
        var bfs = new BreadthFirstSearchAlgorithm<int, TaggedEdge<int, double>>(_graph);
        hops[source] = 0;
        bfs.DiscoverVertex += v => order.Add(v);
        bfs.TreeEdge += e => hops[e.Target] = hops[e.Source] + 1;
        bfs.Compute(source);
        return (hops, order);
    }

    /// <summary>The DFS discovery order from the source, its component only.</summary>
    public IReadOnlyList<int> DfsOrder(int source)
    {
        var order = new List<int>();
        var dfs = new DepthFirstSearchAlgorithm<int, TaggedEdge<int, double>>(_graph) { ProcessAllComponents = false };
        dfs.DiscoverVertex += v => order.Add(v);
        dfs.Compute(source);
        return order;
    }

    public double[] Dijkstra(int source)
    {
        var dijkstra = new DijkstraShortestPathAlgorithm<int, TaggedEdge<int, double>>(_graph, e => e.Tag);
        dijkstra.Compute(source);
        return Distances(dijkstra, v => dijkstra.TryGetDistance(v, out var d) ? d : double.PositiveInfinity);
    }

    /// <summary>Bellman–Ford's distances, and whether it found a negative cycle.</summary>
    public (double[] Distance, bool NegativeCycle) BellmanFord(int source)
    {
        var bellmanFord = new BellmanFordShortestPathAlgorithm<int, TaggedEdge<int, double>>(_graph, e => e.Tag);
        bellmanFord.Compute(source);
        return (Distances(bellmanFord, v => bellmanFord.TryGetDistance(v, out var d) ? d : double.PositiveInfinity), bellmanFord.FoundNegativeCycle);
    }

    private double[] Distances(object _, Func<int, double> distance) =>
        Enumerable.Range(0, VertexCount).Select(v => distance(v) is var d && d >= double.MaxValue ? double.PositiveInfinity : d).ToArray();
}
