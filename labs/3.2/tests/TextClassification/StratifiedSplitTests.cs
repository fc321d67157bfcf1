using StatelessMind.Labs.MlOps.TextClassification;

namespace StatelessMind.Labs.MlOps.Tests.TextClassification;

[Goal("3.2-3")]
public sealed class StratifiedSplitTests
{
    [Fact]
    public void Each_category_sends_its_rounded_share_to_the_test_split()
    {
        var split = StratifiedSplit.Split(TextFixtures.Unbalanced(), 0.25, seed: 1);
        Assert.Equal(8, split.Test.Count(t => t.Category == "computers")); // round(7.5)
        Assert.Equal(5, split.Test.Count(t => t.Category == "politics"));
        Assert.Equal(3, split.Test.Count(t => t.Category == "songs")); // round(2.5)
        Assert.Equal(60 - 16, split.Train.Count);
    }

    [Fact]
    public void The_splits_are_disjoint_and_together_hold_every_text_once()
    {
        var texts = TextFixtures.Unbalanced();
        var split = StratifiedSplit.Split(texts, 0.3, seed: 7);
        Assert.Empty(split.Train.Intersect(split.Test));
        Assert.Equal(texts.OrderBy(t => t.Text, StringComparer.Ordinal), split.Train.Concat(split.Test).OrderBy(t => t.Text, StringComparer.Ordinal));
    }

    [Fact]
    public void The_split_depends_on_the_seed_only()
    {
        var texts = TextFixtures.Unbalanced();
        Assert.Equal(StratifiedSplit.Split(texts, 0.3, seed: 7).Test, StratifiedSplit.Split(texts, 0.3, seed: 7).Test);
        Assert.NotEqual(StratifiedSplit.Split(texts, 0.3, seed: 7).Test, StratifiedSplit.Split(texts, 0.3, seed: 8).Test);
    }
}
