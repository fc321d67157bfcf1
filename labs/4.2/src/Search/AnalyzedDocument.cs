namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>A document as the analyzer left it: its name and its tokens in order.</summary>
public sealed record AnalyzedDocument(string Name, IReadOnlyList<AnalyzedToken> Tokens);
