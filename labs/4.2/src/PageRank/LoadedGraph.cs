namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>A graph read from an edge-list file, with each dense node index's id in the file.</summary>
public sealed record LoadedGraph(CsrGraph Graph, IReadOnlyList<long> NodeIds);
