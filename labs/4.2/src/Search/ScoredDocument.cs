namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>A document number (0-based, in indexing order) and its score for a query.</summary>
public readonly record struct ScoredDocument(int Doc, double Score);
