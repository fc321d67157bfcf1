namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// Ranked retrieval with Lucene's ClassicSimilarity, term at a time. For a query of distinct terms q and a document d:
/// score(q, d) = coord(q, d) · queryNorm(q) · Σ_{t ∈ q ∩ d} √tf(t, d) · idf(t)² · norm(d), with idf(t) = 1 + ln(N/(df(t) + 1)),
/// queryNorm(q) = 1/√(Σ_{t ∈ q} idf(t)²), coord = (query terms in d)/(query terms) and norm(d) the rounded 1/√|d|.
/// It is the cosine of tf-idf vectors with the document side's length replaced by √|d|.
/// </summary>
public static class TfIdfRanker
{
    /// <summary>ClassicSimilarity's idf; terms absent from the index get df = 0.</summary>
    public static double Idf(int documentFrequency, int documentCount) => 1.0 + Math.Log(documentCount / (double)(documentFrequency + 1));

    /// <summary>The best <paramref name="k"/> documents, highest score first, ties by document number.</summary>
    public static IReadOnlyList<ScoredDocument> Search(InvertedIndex index, IEnumerable<string> queryTerms, int k)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(queryTerms);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var terms = queryTerms.Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0) return [];
        var scores = new Dictionary<int, double>();
        var matched = new Dictionary<int, int>();
        #region Exercise 4.2-1c: ClassicSimilarity term at a time: idf, query norm, √tf·idf²·norm per posting, then coord (tests: TfIdfRankerTests, LuceneAgreementTests, SearchPlantedBugTests, ExperimentTests.The_search_experiment_holds_at_small_scale)
        var n = index.DocumentCount;
        var idfs = terms.Select(t => Idf(index.DocumentFrequency(t), n)).ToArray();
        var queryNorm = 1.0 / Math.Sqrt(idfs.Sum(i => i * i));
        for (var i = 0; i < terms.Count; i++)
        {
            var weight = idfs[i] * idfs[i] * queryNorm;
            foreach (var posting in index.Postings(terms[i]))
            {
                var contribution = Math.Sqrt(posting.Frequency) * weight * index.Norm(posting.Doc);
                scores[posting.Doc] = scores.GetValueOrDefault(posting.Doc) + contribution;
                matched[posting.Doc] = matched.GetValueOrDefault(posting.Doc) + 1;
            }
        }
        foreach (var doc in matched.Keys) scores[doc] *= matched[doc] / (double)terms.Count;
        #endregion
        return scores.Select(s => new ScoredDocument(s.Key, s.Value))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Doc).Take(k).ToList();
    }
}
