using StatelessMind.Labs.Scalability.Horizontal;

namespace StatelessMind.Labs.Scalability.Tests.Horizontal;

public sealed class VerticalHorizontalExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.2-2")]
    public async Task The_experiment_holds_at_small_scale()
    {
        await using var services = new ExperimentServices();
        var finding = await new VerticalHorizontalExperiment().RunAsync(ExperimentContext.ForTest(services, "1.1.2-2"), CancellationToken.None);
        foreach (var f in finding.Figures) output.WriteLine($"{f.Name}: {f.Formatted}");
        foreach (var n in finding.Notes) output.WriteLine(n);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(4, finding.Tables[0].Rows.Count);
        Assert.Equal(3, finding.Plots.Count);
    }
}
