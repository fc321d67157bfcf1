using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class LuceneAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void On_the_shipped_collection_every_score_equals_lucene_classic_similarity()
    {
        var collection = TestCollection.Shipped();
        using var engines = SearchEngines.Build(collection);
        var queries = collection.Queries.Select(q => engines.QueryTerms(q.Text)).ToList();
        var agreement = ClassicAgreement.Measure(engines.Own, engines.Lucene, queries, 20);
        output.WriteLine($"{agreement.Queries} queries: largest relative score gap {agreement.MaxRelativeScoreGap:G3}, mean top-20 overlap {agreement.MeanTopKOverlap:P1}");
        Assert.Equal(collection.Queries.Count, agreement.Queries);
        Assert.True(agreement.MaxRelativeScoreGap <= 1e-4, $"gap {agreement.MaxRelativeScoreGap}");
        Assert.True(agreement.MinTopKOverlap >= 0.9);
    }

    [Fact]
    public void On_a_generated_corpus_scores_and_top_ten_agree_with_lucene()
    {
        var corpus = ZipfCorpus.Generate(800, 60, 3_000, 1.1, 11);
        using var engines = SearchEngines.Build(corpus);
        var queries = ZipfCorpus.Queries(corpus, 60, 12).Select(engines.QueryTerms).ToList();
        var agreement = ClassicAgreement.Measure(engines.Own, engines.Lucene, queries, 10);
        output.WriteLine($"largest relative score gap {agreement.MaxRelativeScoreGap:G3}, mean top-10 overlap {agreement.MeanTopKOverlap:P1}");
        Assert.True(agreement.MaxRelativeScoreGap <= 1e-4);
        Assert.True(agreement.MeanTopKOverlap >= 0.9);
    }

    [Fact]
    public void Phrase_and_and_queries_match_the_same_documents_as_lucene()
    {
        var corpus = ZipfCorpus.Generate(500, 40, 300, 1.1, 13);
        using var engines = SearchEngines.Build(corpus);
        var random = new Random(14);
        var nonEmpty = 0;
        for (var i = 0; i < 80; i++)
        {
            var tokens = engines.Documents[random.Next(engines.Documents.Count)].Tokens;
            var start = random.Next(tokens.Count - 2);
            var phrase = tokens.Skip(start).Take(2 + i % 2).ToList();
            if (i % 3 == 0) phrase = [phrase[1] with { Position = phrase[0].Position }, phrase[0] with { Position = phrase[1].Position }];
            var own = BooleanSearch.Phrase(engines.Own, phrase);
            Assert.Equal(engines.Lucene.Phrase(phrase), own);
            var terms = phrase.Select(t => t.Term).ToList();
            Assert.Equal(engines.Lucene.And(terms), BooleanSearch.And(engines.Own, terms));
            if (own.Count > 0) nonEmpty++;
        }
        Assert.True(nonEmpty > 40);
    }
}
