using StatelessMind.Labs.Scalability.LoadParameters;

namespace StatelessMind.Labs.Scalability.Tests.LoadParameters;

public sealed class LoadParametersExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.2-1")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new LoadParametersExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(2, finding.Plots.Count);
        // The fit keeps σ ≥ 0; it is not bounded by 1, since on a small input a second thread can slow the job down.
        var sigma = finding.FigureNamed(LoadParametersExperiment.SerialFraction)!.Value;
        Assert.True(double.IsFinite(sigma) && sigma >= 0, $"σ = {sigma}");
    }
}
