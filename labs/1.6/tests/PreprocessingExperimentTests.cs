using StatelessMind.Labs.LearningData.Preprocessing;

namespace StatelessMind.Labs.LearningData.Tests;

public sealed class PreprocessingExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.6-2")]
    public async Task The_experiment_meets_its_targets_on_the_real_diabetes_table()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new PreprocessingExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Fact]
    [Goal("1.6-2")]
    public async Task Fitting_on_every_row_fails_the_leak_check()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new PreprocessingExperiment(PreprocessingBug.FitOnAllRows), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("no held-out statistic leaks into the fit", finding.Summary, StringComparison.Ordinal);
    }
}
