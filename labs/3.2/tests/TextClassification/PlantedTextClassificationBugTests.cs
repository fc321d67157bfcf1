using StatelessMind.Labs.MlOps.TextClassification;
using TorchSharp;

namespace StatelessMind.Labs.MlOps.Tests.TextClassification;

/// <summary>Each planted bug breaks a property that the checks of the tests above (and the experiment's) catch.</summary>
[Goal("3.2-3")]
public sealed class PlantedTextClassificationBugTests
{
    [Fact]
    public void A_split_that_leaks_test_texts_into_training_is_caught_by_the_disjointness_check()
    {
        var split = StratifiedSplit.Split(TextFixtures.Unbalanced(), 0.3, seed: 7, TextClassificationBug.TestTextsAlsoInTraining);
        Assert.NotEmpty(split.Train.Intersect(split.Test));
    }

    [Fact]
    public void Averaging_over_padding_makes_the_logits_depend_on_the_padded_length()
    {
        torch.set_num_threads(1);
        torch.manual_seed(11);
        using var model = new GruTextModel(12, 6, 5, 3, TextClassificationBug.PaddingNotMasked);
        model.eval();
        int[][] sequences = [[2, 3, 4], [5, 6]];
        using var tight = model.forward(GruTextClassifier.Pad(sequences));
        using var loose = model.forward(GruTextClassifier.Pad(sequences, length: 12));
        Assert.False(tight.allclose(loose, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_tokenizer_fitted_on_the_test_texts_learns_their_words()
    {
        var split = new TextSplit(
            [new FortuneText("low lower lowest", "a"), new FortuneText("new newer", "b")],
            [new FortuneText("zyzzyva zyzzyva zyzzyva zyzzyva", "a")]);
        var tokenizer = TextTokenizer.FitOnTraining(split, mergeCount: 50, TextClassificationBug.TokenizerFittedOnTestTexts);
        Assert.NotEqual(split.Train.Count, tokenizer.Vocabulary.TrainingTexts);
        Assert.Contains(tokenizer.Vocabulary.Tokens.Keys, k => k.Contains('z', StringComparison.Ordinal));
    }
}
