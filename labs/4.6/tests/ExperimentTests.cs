using StatelessMind.Labs.StochasticStatistics.Regression;
using StatelessMind.Labs.StochasticStatistics.Scheduling;
using StatelessMind.Labs.StochasticStatistics.Stochastic;
using StatelessMind.Labs.StochasticStatistics.Svd;

namespace StatelessMind.Labs.StochasticStatistics.Tests;

public sealed class ExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.6-1")]
    public async Task The_regression_inference_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new RegressionInferenceExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(RegressionInferenceExperiment.FewestDigits)!.Value >= 7);
        Assert.Equal(2, finding.Plots.Count);
    }

    [Fact]
    [Goal("4.6-4")]
    public async Task The_lpt_scheduling_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new LptSchedulingExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.InRange(finding.FigureNamed(LptSchedulingExperiment.WorstRatioOfBound)!.Value, 0.5, 1);
        Assert.Single(finding.Plots);
    }

    [Fact]
    [Goal("4.6-2")]
    public async Task The_svd_reduction_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SvdReductionExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(SvdReductionExperiment.WorstEckartYoungGap)!.Value <= 1e-10);
        Assert.Single(finding.Plots);
    }

    [Fact]
    [Goal("4.6-3")]
    public async Task The_stochastic_process_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new StochasticProcessExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(StochasticProcessExperiment.EigenSolveGap)!.Value <= 1e-10);
        Assert.True(finding.FigureNamed(StochasticProcessExperiment.KsPValue)!.Value >= StochasticProcessExperiment.Alpha);
        Assert.True(finding.FigureNamed(StochasticProcessExperiment.BuggyKsPValue)!.Value < StochasticProcessExperiment.Alpha);
        Assert.Equal(2, finding.Plots.Count);
    }
}
