using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

internal static class SearchFixtures
{
    /// <summary>Documents given directly as tokens, positions 0, 1, 2, … (no analyzer).</summary>
    public static IReadOnlyList<AnalyzedDocument> Plain(params string[] texts) =>
        texts.Select((t, i) => new AnalyzedDocument($"d{i}", t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((w, p) => new AnalyzedToken(w, p)).ToList())).ToList();

    public static IReadOnlyList<AnalyzedToken> Phrase(params string[] words) => words.Select((w, p) => new AnalyzedToken(w, p)).ToList();

    public static readonly string[] Small =
    [
        "the inverted index maps terms to postings",
        "an index of terms inverted for search",
        "postings postings postings compress well",
        "search engines rank documents by tf idf weights of terms",
        "a b tree index keeps sorted keys in pages",
    ];
}
