using StatelessMind.Labs.Transformation.Ci;

namespace StatelessMind.Labs.Transformation.Tests.Ci;

[Goal("2.2-2")]
public sealed class WorkflowExperimentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_experiment_passes_on_the_workflow_as_written()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new WorkflowExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(1, finding.FigureNamed("build exit code with a failing test")!.Value);
    }
}
