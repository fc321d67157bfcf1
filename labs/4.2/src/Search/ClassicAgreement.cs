namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// How closely the own TF-IDF ranking follows Lucene's ClassicSimilarity on the same queries: the largest relative
/// difference between Lucene's score of a document in its top k and the own engine's score of the same document, and
/// the mean overlap of the two top-k sets.
/// </summary>
public sealed record ClassicAgreement(int Queries, double MaxRelativeScoreGap, double MeanTopKOverlap, double MinTopKOverlap, int K)
{
    public static ClassicAgreement Measure(InvertedIndex own, LuceneIndex lucene, IReadOnlyList<IReadOnlyList<string>> queries, int k)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(lucene);
        ArgumentNullException.ThrowIfNull(queries);
        var gap = 0.0;
        var overlaps = new List<double>();
        foreach (var terms in queries)
        {
            if (terms.Count == 0) continue;
            var theirs = lucene.Search(terms, LuceneIndex.Classic, k);
            // The own scores of every document, so that each of Lucene's top k is compared even if the own top k differs.
            var all = TfIdfRanker.Search(own, terms, own.DocumentCount);
            var mine = all.ToDictionary(s => s.Doc, s => s.Score);
            foreach (var hit in theirs)
                gap = Math.Max(gap, Math.Abs(mine.GetValueOrDefault(hit.Doc) - hit.Score) / Math.Max(hit.Score, 1e-12));
            if (theirs.Count == 0) continue;
            var top = all.Take(k).Select(s => s.Doc).ToHashSet();
            overlaps.Add(theirs.Count(h => top.Contains(h.Doc)) / (double)theirs.Count);
        }
        return new ClassicAgreement(overlaps.Count, gap, overlaps.DefaultIfEmpty(0).Average(), overlaps.DefaultIfEmpty(0).Min(), k);
    }
}
