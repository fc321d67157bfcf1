using StatelessMind.Labs.NumericalMethods.Gradient;

namespace StatelessMind.Labs.NumericalMethods.Tests.Gradient;

public sealed class TorchTrainerTests
{
    [Fact]
    [Goal("2.4-2")]
    public void TorchSharp_loads_and_autograd_gives_the_analytic_gradient()
    {
        foreach (var kind in new[] { ModelKind.Linear, ModelKind.Logistic })
        {
            var data = RegressionData.Generate(kind, 200, 4, 3, 1);
            double[] w = [0.3, -0.2, 0.1, 0.5];
            var autograd = TorchTrainer.Gradient(kind, data, w, 0.2);
            var analytic = ClosedFormOptimum.Gradient(kind, data, w, 0.2);
            for (var j = 0; j < w.Length; j++) Assert.Equal(analytic.Weights[j], autograd.Weights[j], 12);
            Assert.Equal(analytic.Bias, autograd.Bias, 12);
        }
    }

    [Fact]
    [Goal("2.4-2")]
    public void Every_step_lowers_the_loss_of_gradient_descent_with_step_one_over_L()
    {
        // For an L-smooth convex loss, a step of 1/L never raises it.
        var data = RegressionData.Generate(ModelKind.Linear, 300, 3, 4, 2);
        var run = TorchTrainer.Train(ModelKind.Linear, data, OptimizerKind.Sgd, 1 / ClosedFormOptimum.Smoothness(ModelKind.Linear, data), 200);
        for (var s = 1; s < run.Losses.Length; s++) Assert.True(run.Losses[s] <= run.Losses[s - 1] + 1e-12, $"loss rose at step {s}");
    }

    [Fact]
    [Goal("2.4-2")]
    public void Gradient_descent_reaches_the_least_squares_solution()
    {
        var data = RegressionData.Generate(ModelKind.Linear, 300, 3, 2, 3);
        var optimum = ClosedFormOptimum.Solve(ModelKind.Linear, data);
        var run = TorchTrainer.Train(ModelKind.Linear, data, OptimizerKind.Momentum, 1 / ClosedFormOptimum.Smoothness(ModelKind.Linear, data), 400);
        for (var j = 0; j < 3; j++) Assert.Equal(optimum.Weights[j], run.Weights[j], 8);
        Assert.Equal(optimum.Bias, run.Bias, 8);
    }

    [Fact]
    [Goal("2.4-2")]
    public void Logistic_regression_by_adam_reaches_newtons_optimum()
    {
        var data = RegressionData.Generate(ModelKind.Logistic, 400, 3, 2, 4);
        var optimum = ClosedFormOptimum.Solve(ModelKind.Logistic, data);
        var run = TorchTrainer.Train(ModelKind.Logistic, data, OptimizerKind.Adam, 0.02, 1500);
        Assert.True((run.FinalLoss - optimum.Loss) / optimum.Loss < 1e-8, $"gap {(run.FinalLoss - optimum.Loss) / optimum.Loss}");
    }
}
