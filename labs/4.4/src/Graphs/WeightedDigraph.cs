namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>A directed graph on vertices 0 … n − 1 as adjacency lists: each vertex's out-edges in the order they were added.</summary>
public sealed class WeightedDigraph
{
    private readonly List<WeightedEdge>[] _out;

    public WeightedDigraph(int vertexCount)
    {
        if (vertexCount < 0) throw new ArgumentOutOfRangeException(nameof(vertexCount), vertexCount, "a graph has zero or more vertices");
        _out = Enumerable.Range(0, vertexCount).Select(_ => new List<WeightedEdge>()).ToArray();
    }

    public int VertexCount => _out.Length;

    public int EdgeCount { get; private set; }

    public void AddEdge(int from, int to, double weight)
    {
        if ((uint)from >= (uint)_out.Length) throw new ArgumentOutOfRangeException(nameof(from), from, $"vertices are 0 … {_out.Length - 1}");
        if ((uint)to >= (uint)_out.Length) throw new ArgumentOutOfRangeException(nameof(to), to, $"vertices are 0 … {_out.Length - 1}");
        if (double.IsNaN(weight) || double.IsInfinity(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "a finite weight");
        _out[from].Add(new WeightedEdge(from, to, weight));
        EdgeCount++;
    }

    public IReadOnlyList<WeightedEdge> OutEdges(int vertex) => _out[vertex];

    public IEnumerable<WeightedEdge> Edges => _out.SelectMany(e => e);

    /// <summary>A copy with every weight replaced.</summary>
    public WeightedDigraph Reweighted(Func<WeightedEdge, double> weight)
    {
        var g = new WeightedDigraph(VertexCount);
        foreach (var e in Edges) g.AddEdge(e.From, e.To, weight(e));
        return g;
    }
}
