using StatelessMind.Labs.NumericalMethods.Gradient;
using static TorchSharp.torch;

namespace StatelessMind.Labs.NumericalMethods.Tests.Gradient;

public sealed class AdamByHandTests
{
    [Fact]
    [Goal("2.4-2")]
    public void The_first_step_moves_each_coordinate_by_the_learning_rate()
    {
        // At t = 1, m̂ = g and v̂ = g², so the step is α·g/(|g| + ε) ≈ α·sign(g).
        using var p = tensor(new[] { 1.0, -2.0 }, ScalarType.Float64);
        using var g = tensor(new[] { 0.5, -3.0 }, ScalarType.Float64);
        using var m = zeros(2, ScalarType.Float64);
        using var v = zeros(2, ScalarType.Float64);
        new AdamByHand(0.1).Update(p, g, m, v, 1, biasCorrection: true);
        var after = p.data<double>().ToArray();
        Assert.Equal(0.9, after[0], 6);
        Assert.Equal(-1.9, after[1], 6);
        Assert.Equal(0.05, m.data<double>()[0], 12); // (1 − β₁)·g
        Assert.Equal(0.001 * 9, v.data<double>()[1], 12); // (1 − β₂)·g²
    }

    [Fact]
    [Goal("2.4-2")]
    public void Adam_by_hand_follows_torch_optim_adam_step_for_step()
    {
        var data = RegressionData.Generate(ModelKind.Logistic, 300, 3, 2, 5);
        var torchRun = TorchTrainer.Train(ModelKind.Logistic, data, OptimizerKind.Adam, 0.05, 100);
        var handRun = new AdamByHand(0.05).Train(ModelKind.Logistic, data, 100);
        for (var s = 0; s < torchRun.Losses.Length; s++) Assert.Equal(torchRun.Losses[s], handRun.Losses[s], 12);
        for (var j = 0; j < 3; j++) Assert.Equal(torchRun.Weights[j], handRun.Weights[j], 12);
    }

    [Fact]
    [Goal("2.4-2")]
    public void The_comparison_catches_adam_without_bias_correction()
    {
        var data = RegressionData.Generate(ModelKind.Logistic, 300, 3, 2, 5);
        var torchRun = TorchTrainer.Train(ModelKind.Logistic, data, OptimizerKind.Adam, 0.05, 50);
        var buggy = new AdamByHand(0.05, OptimizationBug.AdamWithoutBiasCorrection).Train(ModelKind.Logistic, data, 50);
        Assert.True(torchRun.Losses.Zip(buggy.Losses, (a, b) => Math.Abs(a - b)).Max() > 1e-4);
    }
}
