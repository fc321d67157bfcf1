namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>One term of analyzed text and its position (positions skip removed stop words, as Lucene's do).</summary>
public readonly record struct AnalyzedToken(string Term, int Position);
