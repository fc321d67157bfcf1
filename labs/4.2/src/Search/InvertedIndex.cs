namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// A positional inverted index: for each term, its postings list (documents in ascending order, each with the term's
/// positions) kept delta- and variable-byte compressed, plus each document's name and token count.
/// </summary>
public sealed class InvertedIndex
{
    private readonly SortedDictionary<string, byte[]> _postings;
    private readonly Dictionary<string, int> _documentFrequency;

    internal InvertedIndex(IReadOnlyList<string> names, int[] lengths, SortedDictionary<string, byte[]> postings, Dictionary<string, int> documentFrequency, SearchBug bug)
    {
        DocumentNames = names;
        _lengths = lengths;
        _postings = postings;
        _documentFrequency = documentFrequency;
        Bug = bug;
    }

    private readonly int[] _lengths;

    public IReadOnlyList<string> DocumentNames { get; }
    public int DocumentCount => DocumentNames.Count;
    public int TermCount => _postings.Count;
    public IEnumerable<string> Terms => _postings.Keys;
    public SearchBug Bug { get; }

    /// <summary>Bytes of all compressed postings lists.</summary>
    public long CompressedBytes => _postings.Values.Sum(p => (long)p.Length);

    /// <summary>Postings (term, document) pairs and positions held, for the size comparison with fixed 32-bit ints.</summary>
    public long PostingCount => _documentFrequency.Values.Sum(d => (long)d);

    public long PositionCount => _lengths.Sum(l => (long)l);

    /// <summary>The same postings stored as 32-bit ints: per list its count, per posting document and frequency, per position one int.</summary>
    public long UncompressedBytes => 4L * (TermCount + 2 * PostingCount + PositionCount);

    public static InvertedIndex Build(IReadOnlyList<AnalyzedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var lengths = new int[documents.Count];
        var lists = new SortedDictionary<string, List<Posting>>(StringComparer.Ordinal);
        #region Exercise 4.2-1b: build the positional postings: per document, group each term's positions, append to the term's list in document order (tests: InvertedIndexTests, TfIdfRankerTests, BooleanSearchTests, IndexFileTests, LuceneAgreementTests, SearchPlantedBugTests, ExperimentTests.The_search_experiment_holds_at_small_scale)
        for (var doc = 0; doc < documents.Count; doc++)
        {
            var tokens = documents[doc].Tokens;
            lengths[doc] = tokens.Count;
            var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var token in tokens)
            {
                if (!positions.TryGetValue(token.Term, out var list)) positions[token.Term] = list = [];
                list.Add(token.Position);
            }
            foreach (var (term, list) in positions)
            {
                if (!lists.TryGetValue(term, out var postings)) lists[term] = postings = [];
                list.Sort();
                postings.Add(new Posting(doc, list.ToArray()));
            }
        }
        #endregion
        var encoded = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (term, postings) in lists)
        {
            encoded[term] = PostingsCodec.Encode(postings);
            df[term] = postings.Count;
        }
        return new InvertedIndex(documents.Select(d => d.Name).ToArray(), lengths, encoded, df, SearchBug.None);
    }

    /// <summary>The same index with a planted bug switched on.</summary>
    public InvertedIndex WithBug(SearchBug bug) => new(DocumentNames, _lengths, _postings, _documentFrequency, bug);

    public int DocumentFrequency(string term) => _documentFrequency.GetValueOrDefault(term);

    /// <summary>Token count of a document (Lucene's field length: positions held, stop words not counted).</summary>
    public int Length(int doc) => _lengths[doc];

    /// <summary>The length norm the score uses: ClassicSimilarity's 1/√length, rounded to Lucene's one-byte norm.</summary>
    public double Norm(int doc) => Bug == SearchBug.LengthNormIgnored ? 1.0 : LengthNorm.Of(_lengths[doc]);

    internal byte[]? EncodedPostings(string term) => _postings.GetValueOrDefault(term);

    internal IReadOnlyList<int> Lengths => _lengths;

    internal IEnumerable<KeyValuePair<string, byte[]>> EncodedLists => _postings;

    /// <summary>The term's postings list, decoded; empty for a term not in the index.</summary>
    public IReadOnlyList<Posting> Postings(string term)
    {
        if (!_postings.TryGetValue(term, out var bytes)) return [];
        var postings = PostingsCodec.Decode(bytes);
        if (Bug != SearchBug.DocGapsNotSummed) return postings;
        // The planted bug: what the decoder returns is the stored gaps, as if the running sum were never taken.
        var gapped = new List<Posting>(postings.Count);
        for (var i = 0; i < postings.Count; i++)
            gapped.Add(postings[i] with { Doc = i == 0 ? postings[i].Doc : postings[i].Doc - postings[i - 1].Doc - 1 });
        return gapped;
    }

    internal static InvertedIndex FromParts(IReadOnlyList<string> names, int[] lengths, SortedDictionary<string, byte[]> postings)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (term, bytes) in postings)
        {
            var offset = 0;
            df[term] = VarByte.Read(bytes, ref offset);
        }
        return new InvertedIndex(names, lengths, postings, df, SearchBug.None);
    }
}
