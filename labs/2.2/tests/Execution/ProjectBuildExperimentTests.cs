using StatelessMind.Labs.Transformation.Ci;
using StatelessMind.Labs.Transformation.Docs;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Transformation.Tests.Execution;

[Goal("2.2-1")]
public sealed class ProjectBuildExperimentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_experiment_passes_on_the_runner_as_written()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new ProjectBuildExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("lineage edges in the manifest")!.Value > 10);
        Assert.True(finding.FigureNamed("models skipped downstream of the planted failure")!.Value >= 3);
    }
}

/// <summary>The planted bugs of both goals' experiments, run on one shared PostgreSQL.</summary>
[Goal("2.2-1")]
public sealed class PlantedBugExperimentTests(ExperimentServicesFixture services, ITestOutputHelper output) : IClassFixture<ExperimentServicesFixture>
{
    [Theory]
    [InlineData(RunnerBug.BuildIgnoresFailingTests, "build skips exactly the models downstream")]
    [InlineData(RunnerBug.SelectDirectChildrenOnly, "is the model and all its descendants")]
    [InlineData(RunnerBug.ChildMapDropsAnEdge, "child_map holds the edges of parent_map")]
    public async Task Each_planted_runner_bug_fails_its_check_in_the_2_2_1_experiment(RunnerBug bug, string check)
    {
        var finding = await services.RunAsync(new ProjectBuildExperiment(bug), output);

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains(check, finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("2.2-2")]
    public async Task A_swallowed_build_failure_fails_the_2_2_2_experiment()
    {
        var finding = await services.RunAsync(new WorkflowExperiment(WorkflowBug.BuildFailureSwallowed), output);

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("a failing dbt build fails the job", finding.Summary, StringComparison.Ordinal);
    }
}
