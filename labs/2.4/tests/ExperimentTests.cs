using StatelessMind.Labs.NumericalMethods.Bayes;
using StatelessMind.Labs.NumericalMethods.Gradient;
using StatelessMind.Labs.NumericalMethods.Iterative;

namespace StatelessMind.Labs.NumericalMethods.Tests;

public sealed class ExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("2.4-1")]
    public async Task The_bayesian_inference_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new BayesianInferenceExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(BayesianInferenceExperiment.WorstRhat)!.Value < 1.01);
        Assert.Equal(2, finding.Plots.Count);
    }

    [Fact]
    [Goal("2.4-2")]
    public async Task The_gradient_and_convex_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new GradientConvexExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(GradientConvexExperiment.MomentumSpeedup)!.Value > 1);
        Assert.Equal(3, finding.Plots.Count);
    }

    [Fact]
    [Goal("2.4-3")]
    public async Task The_iterative_methods_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new IterativeMethodsExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.InRange(finding.FigureNamed(IterativeMethodsExperiment.NewtonOrder)!.Value, 1.8, 2.2);
        Assert.Equal(2, finding.Plots.Count);
    }
}
