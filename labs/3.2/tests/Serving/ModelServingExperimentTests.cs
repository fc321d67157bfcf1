namespace StatelessMind.Labs.MlOps.Tests.Serving;

public sealed class ModelServingExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("3.2-1")]
    public async Task The_experiment_passes_its_checks_with_a_real_prometheus()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new ModelServingExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("model server throughput")!.Value > 0);
    }
}
