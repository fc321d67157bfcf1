namespace StatelessMind.Labs.Orchestration.Tests;

public sealed class ExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("2.3-1")]
    public async Task The_dag_execution_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new DagExecutionExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(0, finding.FigureNamed(DagExecutionExperiment.OrderViolations)!.Value);
        Assert.Equal(6, finding.FigureNamed(DagExecutionExperiment.TasksRun)!.Value);
    }

    [Fact]
    [Goal("2.3-2")]
    public async Task The_scheduling_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SchedulingExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(4, finding.FigureNamed(SchedulingExperiment.Intervals)!.Value);
    }

    [Fact]
    [Goal("2.3-3")]
    public async Task The_dynamic_workflow_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new DynamicWorkflowExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(0, finding.FigureNamed(DynamicWorkflowExperiment.WrongTotals)!.Value);
    }
}
