using StatelessMind.Labs.LearningData.Neural;

namespace StatelessMind.Labs.LearningData.Tests;

public sealed class MlpClassifierTests
{
    // Two interleaved half-moons are not linearly separable: XOR-like quadrants.
    private static (float[][] X, int[] Y) Quadrants(int n, int seed)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => new[] { (float)(random.NextDouble() * 2 - 1), (float)(random.NextDouble() * 2 - 1) }).ToArray();
        return (x, [.. x.Select(p => p[0] * p[1] > 0 ? 1 : 0)]);
    }

    [Fact]
    [Goal("1.6-2")]
    public void Training_lowers_the_loss_and_learns_a_non_linear_boundary()
    {
        var (x, y) = Quadrants(400, 1);
        using var mlp = MlpClassifier.Train(x, y, 2, new MlpOptions { Epochs = 300, Hidden = 16, LearningRate = 0.05, WeightDecay = 0 });
        Assert.Equal(300, mlp.LossHistory.Count);
        Assert.True(mlp.LossHistory[^1] < 0.5 * mlp.LossHistory[0]);
        var (tx, ty) = Quadrants(200, 2);
        Assert.True(MlpClassifier.Accuracy(mlp.Predict(tx), ty) > 0.9); // a linear model stays near 0.5 here
    }

    [Fact]
    [Goal("1.6-2")]
    public void The_same_seed_gives_the_same_losses_and_a_saved_network_predicts_the_same()
    {
        var (x, y) = Quadrants(100, 3);
        var options = new MlpOptions { Epochs = 20, Seed = 9 };
        using var a = MlpClassifier.Train(x, y, 2, options);
        using var b = MlpClassifier.Train(x, y, 2, options);
        Assert.Equal(a.LossHistory, b.LossHistory);
        var path = Path.Combine(Path.GetTempPath(), $"mlp-{Guid.NewGuid():N}.bin");
        try
        {
            a.Save(path);
            using var loaded = MlpClassifier.Load(path, 2, options.Hidden, 2);
            Assert.Equal(a.Predict(x), loaded.Predict(x));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
