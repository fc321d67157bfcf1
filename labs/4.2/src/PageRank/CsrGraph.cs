namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>
/// A directed graph in compressed sparse row form, stored by in-edges so that one PageRank step is a pull: the sources
/// of the edges into node v are <c>InSources[InOffsets[v] .. InOffsets[v + 1])</c>, and <c>OutDegree[u]</c> is how many
/// edges leave u. Parallel edges are kept (each counts once in the out-degree); self-loops are ordinary edges.
/// Three int arrays: 4 bytes per edge plus 8 bytes per node (and one offset), so at most 12 bytes per edge whenever
/// there are at least as many edges as nodes.
/// </summary>
public sealed class CsrGraph
{
    internal CsrGraph(int[] inOffsets, int[] inSources, int[] outDegree)
    {
        InOffsets = inOffsets;
        InSources = inSources;
        OutDegree = outDegree;
    }

    /// <summary>n + 1 offsets into <see cref="InSources"/>; the in-edges of v are [InOffsets[v], InOffsets[v + 1]).</summary>
    public int[] InOffsets { get; }

    /// <summary>The source of every edge, grouped by target.</summary>
    public int[] InSources { get; }

    /// <summary>The number of edges leaving each node (0 for a dangling node).</summary>
    public int[] OutDegree { get; }

    public int NodeCount => OutDegree.Length;

    public long EdgeCount => InSources.LongLength;

    /// <summary>The bytes of the three arrays' elements.</summary>
    public long Bytes => sizeof(int) * ((long)InOffsets.Length + InSources.Length + OutDegree.Length);

    /// <summary>How many nodes have no out-edge.</summary>
    public int DanglingCount => OutDegree.Count(d => d == 0);

    /// <summary>The edges in (from, to) pairs, ordered by target (for handing the same graph to another library).</summary>
    public IEnumerable<(int From, int To)> Edges()
    {
        for (var v = 0; v < NodeCount; v++)
            for (var e = InOffsets[v]; e < InOffsets[v + 1]; e++)
                yield return (InSources[e], v);
    }

    /// <summary>Builds the graph of <paramref name="nodeCount"/> nodes from parallel arrays of edge sources and targets.</summary>
    /// <exception cref="GraphShapeException">The arrays differ in length, or an endpoint is outside [0, nodeCount).</exception>
    public static CsrGraph FromEdges(int nodeCount, int[] from, int[] to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (nodeCount < 1) throw new GraphShapeException($"a graph needs at least one node, got {nodeCount}");
        if (from.Length != to.Length) throw new GraphShapeException($"{from.Length} edge sources but {to.Length} edge targets");
        for (var i = 0; i < from.Length; i++)
        {
            if ((uint)from[i] >= (uint)nodeCount || (uint)to[i] >= (uint)nodeCount)
                throw new GraphShapeException($"edge {i} ({from[i]} → {to[i]}) has an endpoint outside [0, {nodeCount})");
        }
        return Build(nodeCount, from, to);
    }

    private static CsrGraph Build(int nodeCount, int[] from, int[] to)
    {
        #region Exercise 4.2-3a: build the in-edge CSR arrays from the edge list by a counting sort on the target (tests: CsrGraphTests, ConvergenceTests, DenseReferenceTests, EdgeListLoaderTests, QuikGraphAgreementTests, PlantedBugTests, ExperimentTests)
        var outDegree = new int[nodeCount];
        var offsets = new int[nodeCount + 1];
        for (var i = 0; i < from.Length; i++)
        {
            outDegree[from[i]]++;
            offsets[to[i] + 1]++;
        }
        for (var v = 0; v < nodeCount; v++) offsets[v + 1] += offsets[v];
        var next = offsets[..nodeCount];
        var sources = new int[from.Length];
        for (var i = 0; i < from.Length; i++) sources[next[to[i]]++] = from[i];
        return new CsrGraph(offsets, sources, outDegree);
        #endregion
    }
}
