using StatelessMind.Labs.LearningData.Supervised;

namespace StatelessMind.Labs.LearningData.Tests;

public sealed class SupervisedUnsupervisedExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.6-1")]
    public async Task The_experiment_meets_every_target_on_the_real_data_sets()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SupervisedUnsupervisedExperiment(), output);
        foreach (var table in finding.Tables) output.WriteLine(string.Join("\n", table.Rows.Select(r => string.Join(" | ", r))));
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("validation RMSE, most leaves / best")!.Value >= 1.1);
        Assert.Equal(2, finding.Plots.Count);
    }

    [Fact]
    [Goal("1.6-1")]
    public async Task With_test_rows_in_the_training_set_the_experiment_fails_on_the_split_audit()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SupervisedUnsupervisedExperiment(SplitBug.TestRowsInTraining), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("the digits split is a partition", finding.Summary, StringComparison.Ordinal);
    }
}
