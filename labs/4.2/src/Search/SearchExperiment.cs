using System.Diagnostics;
using System.Globalization;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// Goal 4.2-1: the own positional inverted index with TF-IDF ranking against Lucene.Net. The same analyzer output goes
/// into both engines; the own scores must equal Lucene ClassicSimilarity's, and its phrase and conjunctive queries must
/// match the same documents as Lucene's, on the lab's test collection and on a generated Zipf corpus. The compressed
/// postings are measured against 32-bit integers, the on-disk file is read back and then damaged on purpose, and the
/// three planted bugs must be caught.
/// </summary>
public sealed class SearchExperiment : IExperiment
{
    public const string ScoreGap = "largest relative score gap to Lucene Classic";
    public const string TopOverlap = "mean top-10 overlap with Lucene Classic";
    public const string CompressionRatio = "compressed postings / 32-bit postings";
    public const string BytesPerPosition = "compressed bytes per position";
    public const string PhraseMismatches = "phrase and AND queries answered differently from Lucene";
    public const string FileBytes = "index file bytes (generated corpus)";
    public const string GeneratedDocuments = "generated documents";
    public const string OwnQueryTime = "own engine time per query";
    public const string LuceneQueryTime = "Lucene Classic time per query";

    public const double MaxScoreGap = 1e-4;
    public const double MinTopOverlap = 0.9;
    public const double MaxCompressionRatio = 0.5;
    public const int K = 10;

    public string GoalId => "4.2-1";
    public string Title => "An inverted index with TF-IDF ranking, checked score for score against Lucene.Net's ClassicSimilarity";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var collection = TestCollection.FromEnvironmentOrShipped();
        context.Report(0.05, $"the test collection {collection.Name}: {collection.Documents.Count} documents, {collection.Queries.Count} queries");
        using (var engines = SearchEngines.Build(collection))
        {
            var queries = collection.Queries.Select(q => engines.QueryTerms(q.Text)).ToList();
            var agreement = ClassicAgreement.Measure(engines.Own, engines.Lucene, queries, K);
            finding.Check(agreement.MaxRelativeScoreGap <= MaxScoreGap,
                $"on {collection.Name} ({collection.Documents.Count} documents, {agreement.Queries} queries) every document of Lucene Classic's top {K} gets the same score from the own engine, to a relative {agreement.MaxRelativeScoreGap:G3} (≤ {MaxScoreGap:G1})");
            finding.Table(Comparison(collection, engines));
            PlantedBugs(finding, engines, queries);
        }
        cancellationToken.ThrowIfCancellationRequested();

        var size = context.Size(3_000, 20_000);
        context.Report(0.3, $"a generated corpus of {size:N0} documents");
        var corpus = ZipfCorpus.Generate(size, 80, 20_000, 1.1, context.Seed);
        using var generated = SearchEngines.Build(corpus);
        finding.Figure(GeneratedDocuments, size, "documents");
        var generatedQueries = ZipfCorpus.Queries(corpus, context.Size(200, 300), context.Seed + 1).Select(generated.QueryTerms).ToList();
        var generatedAgreement = ClassicAgreement.Measure(generated.Own, generated.Lucene, generatedQueries, K);
        finding.Figure(ScoreGap, generatedAgreement.MaxRelativeScoreGap, "", key: true, target: $"≤ {MaxScoreGap:G1}");
        finding.Check(generatedAgreement.MaxRelativeScoreGap <= MaxScoreGap,
            $"on the generated corpus ({size:N0} documents, {generatedAgreement.Queries} queries of 2–4 words) the own scores equal Lucene Classic's to a relative {generatedAgreement.MaxRelativeScoreGap:G3}");
        finding.Figure(TopOverlap, generatedAgreement.MeanTopKOverlap, "", key: true, target: $"≥ {MinTopOverlap}");
        finding.Check(generatedAgreement.MeanTopKOverlap >= MinTopOverlap,
            $"the own top {K} holds {generatedAgreement.MeanTopKOverlap:P1} of Lucene Classic's top {K} on average (lowest {generatedAgreement.MinTopKOverlap:P0}); a difference can only come from documents tied at the cut-off");
        cancellationToken.ThrowIfCancellationRequested();

        context.Report(0.6, "phrase and AND queries against Lucene");
        var mismatches = PhraseAndConjunctionMismatches(generated, generated.Own, context.Seed + 2, context.Size(200, 300), out var phrases);
        finding.Figure(PhraseMismatches, mismatches, "", target: "0");
        finding.Check(mismatches == 0, $"{phrases} phrase queries (half of them reversed word pairs) and as many AND queries match exactly the documents Lucene's PhraseQuery and BooleanQuery match ({mismatches} differ)");

        var ratio = generated.Own.CompressedBytes / (double)generated.Own.UncompressedBytes;
        finding.Figure(CompressionRatio, ratio, "", key: true, target: $"≤ {MaxCompressionRatio}");
        finding.Figure(BytesPerPosition, generated.Own.CompressedBytes / (double)generated.Own.PositionCount, "B");
        finding.Check(ratio <= MaxCompressionRatio,
            $"delta + variable-byte coding stores {generated.Own.PostingCount:N0} postings with {generated.Own.PositionCount:N0} positions in {generated.Own.CompressedBytes:N0} bytes, {ratio:P1} of the {generated.Own.UncompressedBytes:N0} bytes as 32-bit integers");
        OnDisk(finding, generated.Own, generatedQueries);
        Timing(finding, generated, generatedQueries);
        return Task.FromResult(finding.Build(
            $"The own engine indexes Lucene EnglishAnalyzer's tokens of the test collection {collection.Name} and of a generated Zipf corpus (s = 1.1, {size:N0} documents); " +
            "its TF-IDF scores are compared with Lucene.Net 4.8's DefaultSimilarity (ClassicSimilarity), its phrase and AND results with Lucene's, its postings are compressed and written to a checksummed file."));
    }

    private static FindingTable Comparison(TestCollection collection, SearchEngines engines)
    {
        var rows = new List<object?[]>();
        foreach (var query in collection.Queries.Take(15))
        {
            var terms = engines.QueryTerms(query.Text);
            var own = TfIdfRanker.Search(engines.Own, terms, 3);
            var lucene = engines.Lucene.Search(terms, LuceneIndex.Classic, 3);
            var bm25 = engines.Lucene.Search(terms, LuceneIndex.Bm25, 3);
            string Names(IEnumerable<ScoredDocument> hits) => string.Join(" ", hits.Select(h => engines.Own.DocumentNames[h.Doc]));
            rows.Add([query.Id, Names(own), own.Count > 0 ? own[0].Score.ToString("F5", CultureInfo.InvariantCulture) : "", Names(lucene),
                lucene.Count > 0 ? lucene[0].Score.ToString("F5", CultureInfo.InvariantCulture) : "", Names(bm25)]);
        }
        return FindingTable.Of($"Top 3 per query on {collection.Name}", ["query", "own TF-IDF", "own top score", "Lucene Classic", "Lucene top score", "Lucene BM25"], rows);
    }

    private static void PlantedBugs(FindingBuilder finding, SearchEngines engines, IReadOnlyList<IReadOnlyList<string>> queries)
    {
        var gaps = ClassicAgreement.Measure(engines.Own.WithBug(SearchBug.DocGapsNotSummed), engines.Lucene, queries, K).MaxRelativeScoreGap;
        finding.Check(gaps > 1e-2, $"the planted bug DocGapsNotSummed is caught by the Lucene cross-check: scores differ by up to {gaps:P0}");
        var norm = ClassicAgreement.Measure(engines.Own.WithBug(SearchBug.LengthNormIgnored), engines.Lucene, queries, K).MaxRelativeScoreGap;
        finding.Check(norm > 1e-2, $"the planted bug LengthNormIgnored is caught by the Lucene cross-check: scores differ by up to {norm:P0}");
        var phrase = PhraseAndConjunctionMismatches(engines, engines.Own.WithBug(SearchBug.PhraseIgnoresPositions), 7, 100, out _);
        finding.Check(phrase > 0, $"the planted bug PhraseIgnoresPositions is caught: {phrase} phrase queries match other documents than Lucene's PhraseQuery");
    }

    /// <summary>Phrases of 2–3 adjacent tokens from random documents, and the same pairs reversed; each also as an AND query.</summary>
    private static int PhraseAndConjunctionMismatches(SearchEngines engines, InvertedIndex own, int seed, int count, out int phrases)
    {
        var random = new Random(seed);
        var mismatches = 0;
        phrases = 0;
        for (var i = 0; i < count; i++)
        {
            var tokens = engines.Documents[random.Next(engines.Documents.Count)].Tokens;
            if (tokens.Count < 3) continue;
            var start = random.Next(tokens.Count - 2);
            var length = i % 4 == 0 ? 3 : 2;
            var phrase = tokens.Skip(start).Take(length).ToList();
            if (i % 2 == 1) phrase = [phrase[1] with { Position = phrase[0].Position }, phrase[0] with { Position = phrase[1].Position }];
            phrases++;
            if (!BooleanSearch.Phrase(own, phrase).SequenceEqual(engines.Lucene.Phrase(phrase))) mismatches++;
            var terms = phrase.Select(t => t.Term).ToList();
            if (!BooleanSearch.And(own, terms).SequenceEqual(engines.Lucene.And(terms))) mismatches++;
        }
        return mismatches;
    }

    private static void OnDisk(FindingBuilder finding, InvertedIndex index, IReadOnlyList<IReadOnlyList<string>> queries)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sm-index-{Environment.ProcessId}-{Guid.NewGuid():N}.smix");
        try
        {
            IndexFile.Write(index, path);
            var bytes = File.ReadAllBytes(path);
            finding.Figure(FileBytes, bytes.Length, "B");
            var read = IndexFile.Read(path);
            var same = read.Terms.SequenceEqual(index.Terms) && index.Terms.All(t => Same(read.Postings(t), index.Postings(t)))
                && queries.Take(50).All(q => TfIdfRanker.Search(read, q, K).SequenceEqual(TfIdfRanker.Search(index, q, K)));
            finding.Check(same, $"the index written to disk ({bytes.Length:N0} bytes) reads back with the same {index.TermCount:N0} postings lists and the same rankings");

            var flipped = (byte[])bytes.Clone();
            flipped[flipped.Length / 2] ^= 0x10;
            var corrupt = Problem(flipped);
            finding.Check(corrupt == IndexFileProblem.ChecksumMismatch, $"one flipped bit in the middle of the file is reported as {corrupt?.ToString() ?? "nothing"} (expected ChecksumMismatch)");
            var truncated = Problem(bytes[..(bytes.Length * 2 / 3)]);
            finding.Check(truncated == IndexFileProblem.Truncated, $"the file cut to two thirds is reported as {truncated?.ToString() ?? "nothing"} (expected Truncated)");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IndexFileProblem? Problem(byte[] bytes)
    {
        try
        {
            IndexFile.FromBytes(bytes, "damaged.smix");
            return null;
        }
        catch (IndexFormatException e)
        {
            return e.Problem;
        }
    }

    private static bool Same(IReadOnlyList<Posting> a, IReadOnlyList<Posting> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Doc == p.Second.Doc && p.First.Positions.SequenceEqual(p.Second.Positions));

    private static void Timing(FindingBuilder finding, SearchEngines engines, IReadOnlyList<IReadOnlyList<string>> queries)
    {
        var watch = Stopwatch.StartNew();
        foreach (var q in queries) TfIdfRanker.Search(engines.Own, q, K);
        var own = watch.Elapsed.TotalMilliseconds / queries.Count;
        watch.Restart();
        foreach (var q in queries) engines.Lucene.Search(q, LuceneIndex.Classic, K);
        var lucene = watch.Elapsed.TotalMilliseconds / queries.Count;
        finding.Figure(OwnQueryTime, own, "ms");
        finding.Figure(LuceneQueryTime, lucene, "ms");
        finding.Note($"Indexing {engines.Documents.Count:N0} documents: own engine {engines.OwnBuildTime.TotalMilliseconds:F0} ms (analysis included), Lucene {engines.LuceneBuildTime.TotalMilliseconds:F0} ms; " +
                     $"per query the own engine (term at a time, every posting decoded) takes {own:F3} ms and Lucene {lucene:F3} ms. No target: the comparison is of scores, not speed.");
    }
}
