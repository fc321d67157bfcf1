using StatelessMind.Labs.LearningData.Preprocessing;

namespace StatelessMind.Labs.LearningData.Tests;

public sealed class PreprocessingExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.6-2")]
    public async Task The_experiment_meets_its_targets_on_the_real_diabetes_table()
    {
        await using var services = new ExperimentServices();
        var finding = await new PreprocessingExperiment().RunAsync(ExperimentContext.ForTest(services, "1.6-2"), CancellationToken.None);
        foreach (var note in finding.Notes) output.WriteLine(note);
        foreach (var figure in finding.Figures) output.WriteLine($"{figure.Name}: {figure.Value} {figure.Unit}");
        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Fact]
    [Goal("1.6-2")]
    public async Task Fitting_on_every_row_fails_the_leak_check()
    {
        await using var services = new ExperimentServices();
        var finding = await new PreprocessingExperiment(PreprocessingBug.FitOnAllRows).RunAsync(ExperimentContext.ForTest(services, "1.6-2"), CancellationToken.None);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("no held-out statistic leaks into the fit", finding.Summary, StringComparison.Ordinal);
    }
}
