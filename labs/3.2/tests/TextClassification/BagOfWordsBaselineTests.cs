using StatelessMind.Labs.MlOps.TextClassification;

namespace StatelessMind.Labs.MlOps.Tests.TextClassification;

[Goal("3.2-3")]
public sealed class BagOfWordsBaselineTests
{
    [Fact]
    public void Texts_are_classified_by_their_words()
    {
        var train = TextFixtures.Unbalanced();
        var baseline = BagOfWordsBaseline.Train(train, seed: 1);
        Assert.Equal(["computers", "politics", "songs"], baseline.Predict(["the kernel compiler", "a tax vote in the senate", "rain and love"]));
    }

    [Fact]
    public void Word_order_does_not_matter_to_a_bag_of_words()
    {
        var baseline = BagOfWordsBaseline.Train(TextFixtures.Unbalanced(), seed: 2);
        var predicted = baseline.Predict(["kernel the in bug", "bug in the kernel", "senate the tax", "tax the senate"]);
        Assert.Equal(predicted[0], predicted[1]);
        Assert.Equal(predicted[2], predicted[3]);
        Assert.Equal("computers", predicted[0]);
    }
}
