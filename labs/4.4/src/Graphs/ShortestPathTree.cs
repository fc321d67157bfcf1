namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>Single-source shortest paths: the distance to each vertex (+∞ if unreachable) and its predecessor on a shortest path.</summary>
public sealed record ShortestPathTree(double[] Distance, int[] Parent)
{
    /// <summary>The vertices of the shortest path from the source to <paramref name="target"/>, or empty if unreachable.</summary>
    public IReadOnlyList<int> PathTo(int target)
    {
        if (double.IsPositiveInfinity(Distance[target])) return [];
        var path = new List<int>();
        for (var v = target; v >= 0; v = Parent[v]) path.Add(v);
        path.Reverse();
        return path;
    }
}
