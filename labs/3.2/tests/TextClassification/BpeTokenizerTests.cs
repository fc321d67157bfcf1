using StatelessMind.Labs.MlOps.TextClassification;

namespace StatelessMind.Labs.MlOps.Tests.TextClassification;

[Goal("3.2-3")]
public sealed class BpeTokenizerTests
{
    private static readonly string[] Corpus = ["low low low low low", "lower lower", "newest newest newest", "widest widest"];

    [Fact]
    public void The_most_frequent_pairs_are_merged_first_with_ties_in_ordinal_order()
    {
        var tokenizer = TextTokenizer.Fit(Corpus, mergeCount: 3);
        // Pair counts: (l,o) 7, (o,w) 7, (e,s) 5, (s,t) 5, (w,e) 5 …: (l,o) wins the tie with (o,w); then (lo,w) 7; then (e,s) 5.
        Assert.Equal([("l", "o"), ("lo", "w"), ("e", "s")], tokenizer.Vocabulary.Merges);
        Assert.Equal(["low"], tokenizer.Tokens("Low"));
        Assert.Equal(["low", "e", "r"], tokenizer.Tokens("lower"));
    }

    [Fact]
    public void Ids_start_with_padding_and_unknown_and_unseen_characters_map_to_unknown()
    {
        var tokenizer = TextTokenizer.Fit(Corpus, mergeCount: 10);
        Assert.Equal(TextTokenizer.PadId, tokenizer.Vocabulary.Tokens[TextTokenizer.PadToken]);
        Assert.Equal(TextTokenizer.UnknownId, tokenizer.Vocabulary.Tokens[TextTokenizer.UnknownToken]);
        var ids = tokenizer.Encode("low zq");
        Assert.Equal(TextTokenizer.UnknownId, ids[^1]);
        Assert.DoesNotContain(TextTokenizer.PadId, ids);
        Assert.Equal(2, tokenizer.Encode("low low low", maxTokens: 2).Length);
    }

    [Fact]
    public void A_saved_and_reloaded_tokenizer_gives_identical_ids()
    {
        var tokenizer = TextTokenizer.Fit(Corpus.Concat(["The quick brown fox; jumps over the lazy dog!"]), mergeCount: 20);
        var directory = Directory.CreateTempSubdirectory("bpe-").FullName;
        try
        {
            tokenizer.Save(directory);
            var reloaded = TextTokenizer.Load(directory);
            foreach (var text in new[] { "lowest newer wider", "The lazy fox, again.", "unseen: xyz 42" })
                Assert.Equal(tokenizer.Encode(text), reloaded.Encode(text));
            Assert.Equal(tokenizer.Vocabulary.Merges, reloaded.Vocabulary.Merges);
            Assert.Equal(tokenizer.VocabularySize, reloaded.VocabularySize);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_tokenizer_of_a_split_learns_from_the_training_texts_only()
    {
        var split = new TextSplit(
            [new FortuneText("low lower lowest", "a"), new FortuneText("new newer", "b")],
            [new FortuneText("zyzzyva zyzzyva zyzzyva zyzzyva", "a")]);
        var tokenizer = TextTokenizer.FitOnTraining(split, mergeCount: 50);
        Assert.Equal(2, tokenizer.Vocabulary.TrainingTexts);
        Assert.DoesNotContain(tokenizer.Vocabulary.Tokens.Keys, k => k.Contains('z', StringComparison.Ordinal));
    }
}
