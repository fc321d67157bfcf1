namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>Edge arrays that do not describe a graph: mismatched lengths, or an endpoint outside the node range.</summary>
public sealed class GraphShapeException(string message) : ArgumentException(message);
