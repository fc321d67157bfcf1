namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>Boolean and phrase queries over the positional index; every result is a list of document numbers, ascending.</summary>
public static class BooleanSearch
{
    /// <summary>Documents holding every term.</summary>
    public static IReadOnlyList<int> And(InvertedIndex index, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) return [];
        // Shortest list first keeps every intermediate result small.
        var lists = terms.Select(t => Documents(index, t)).OrderBy(l => l.Count).ToList();
        var result = lists[0];
        foreach (var list in lists.Skip(1)) result = Intersect(result, list);
        return result;
    }

    /// <summary>Documents holding at least one term.</summary>
    public static IReadOnlyList<int> Or(InvertedIndex index, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(terms);
        IReadOnlyList<int> result = [];
        foreach (var term in terms) result = Union(result, Documents(index, term));
        return result;
    }

    /// <summary>Documents of <paramref name="include"/> that hold none of <paramref name="exclude"/>.</summary>
    public static IReadOnlyList<int> AndNot(InvertedIndex index, IReadOnlyList<string> include, IReadOnlyList<string> exclude) =>
        Difference(And(index, include), Or(index, exclude));

    public static IReadOnlyList<int> Intersect(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = new List<int>(Math.Min(a.Count, b.Count));
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            if (a[i] == b[j]) { result.Add(a[i]); i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return result;
    }

    public static IReadOnlyList<int> Union(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = new List<int>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (j == b.Count || (i < a.Count && a[i] < b[j])) result.Add(a[i++]);
            else if (i == a.Count || b[j] < a[i]) result.Add(b[j++]);
            else { result.Add(a[i]); i++; j++; }
        }
        return result;
    }

    public static IReadOnlyList<int> Difference(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = new List<int>(a.Count);
        int i = 0, j = 0;
        while (i < a.Count)
        {
            if (j == b.Count || a[i] < b[j]) result.Add(a[i++]);
            else if (a[i] == b[j]) { i++; j++; }
            else j++;
        }
        return result;
    }

    /// <summary>
    /// Documents where the phrase's terms stand at the same distances as in the phrase (a removed stop word in the
    /// phrase keeps its gap, as in Lucene's PhraseQuery).
    /// </summary>
    public static IReadOnlyList<int> Phrase(InvertedIndex index, IReadOnlyList<AnalyzedToken> phrase)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(phrase);
        if (phrase.Count == 0) return [];
        if (index.Bug == SearchBug.PhraseIgnoresPositions) return And(index, phrase.Select(t => t.Term).ToList());
        var lists = phrase.Select(t => index.Postings(t.Term)).ToList();
        var result = new List<int>();
        #region Exercise 4.2-1d: the positional intersection: documents holding every term, then a start position where each term stands at its offset (tests: BooleanSearchTests.A_phrase_matches_only_where_its_terms_stand_next_to_each_other_in_order, BooleanSearchTests.A_phrase_with_a_gap_keeps_the_gap, LuceneAgreementTests.Phrase_and_and_queries_match_the_same_documents_as_lucene, SearchPlantedBugTests.A_phrase_query_that_ignores_positions_is_caught, ExperimentTests.The_search_experiment_holds_at_small_scale)
        var first = phrase[0].Position;
        var cursors = new int[lists.Count];
        foreach (var lead in lists[0])
        {
            var inAll = new Posting[lists.Count];
            inAll[0] = lead;
            var present = true;
            for (var i = 1; i < lists.Count && present; i++)
            {
                var list = lists[i];
                while (cursors[i] < list.Count && list[cursors[i]].Doc < lead.Doc) cursors[i]++;
                present = cursors[i] < list.Count && list[cursors[i]].Doc == lead.Doc;
                if (present) inAll[i] = list[cursors[i]];
            }
            if (!present) continue;
            foreach (var start in lead.Positions)
            {
                var matches = true;
                for (var i = 1; i < lists.Count && matches; i++)
                    matches = Array.BinarySearch(inAll[i].Positions, start + phrase[i].Position - first) >= 0;
                if (matches) { result.Add(lead.Doc); break; }
            }
        }
        #endregion
        return result;
    }

    private static IReadOnlyList<int> Documents(InvertedIndex index, string term) => index.Postings(term).Select(p => p.Doc).ToList();
}
