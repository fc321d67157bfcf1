using StatelessMind.Labs.MlOps.TextClassification;

namespace StatelessMind.Labs.MlOps.Tests.TextClassification;

[Goal("3.2-3")]
public sealed class GruTrainingTests
{
    private static readonly GruClassifierOptions Tiny = new() { EmbeddingSize = 8, HiddenSize = 8, Epochs = 15, BatchSize = 8, LearningRate = 0.02, Seed = 5 };

    [Fact]
    public void The_training_loss_falls_and_a_separable_toy_set_is_learned()
    {
        var (sequences, labels) = TextFixtures.TwoPatterns(40);
        using var classifier = GruTextClassifier.Train(vocabularySize: 8, classes: 2, sequences, labels, Tiny, (sequences, labels));
        Assert.Equal(Tiny.Epochs, classifier.History.Count);
        Assert.True(classifier.History[^1].TrainLoss < classifier.History[0].TrainLoss / 4,
            $"loss {classifier.History[0].TrainLoss:F3} → {classifier.History[^1].TrainLoss:F3}");
        Assert.Equal(1.0, GruTextClassifier.Accuracy(classifier.Predict(sequences), labels));
        Assert.Equal(1.0, classifier.History[^1].EvaluationAccuracy);
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        var (sequences, labels) = TextFixtures.TwoPatterns(16);
        var options = Tiny with { Epochs = 3 };
        using var first = GruTextClassifier.Train(8, 2, sequences, labels, options);
        using var second = GruTextClassifier.Train(8, 2, sequences, labels, options);
        Assert.Equal(first.History.Select(h => h.TrainLoss), second.History.Select(h => h.TrainLoss));
        Assert.Equal(first.Logits(sequences), second.Logits(sequences));
    }
}
