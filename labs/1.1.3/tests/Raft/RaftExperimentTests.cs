using StatelessMind.Harness.Services;
using StatelessMind.Labs.Consensus.Raft;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>The 1.1.3-3 experiment at small scale: random-fault seeds, all safe, linearizable and live.</summary>
public sealed class RaftExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.3-3")]
    public async Task Random_fault_seeds_are_safe_linearizable_and_live()
    {
        await using var services = new ExperimentServices();
        var context = ExperimentContext.ForTest(services, "1.1.3-3");
        var finding = await new RaftExperiment().RunAsync(context, CancellationToken.None);
        foreach (var f in finding.Figures) output.WriteLine($"{f.Name}: {f.Formatted}");
        foreach (var n in finding.Notes) output.WriteLine(n);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        // Every figure name the experiment declares (and texts may cite) is one it produced.
        Assert.All(typeof(RaftFigureNames).GetFields().Select(f => (string)f.GetRawConstantValue()!), name => Assert.NotNull(finding.FigureNamed(name)));
        Assert.Equal(0, finding.FigureNamed(RaftFigureNames.SafetyViolations)!.Value);
        Assert.Equal(0, finding.FigureNamed(RaftFigureNames.NotLinearizable)!.Value);
        Assert.Equal(1, finding.FigureNamed(RaftFigureNames.ReplayExact)!.Value);
        Assert.True(File.Exists(Path.Combine(context.OutputDirectory.FullName, "raft-timeline.png")));
    }
}
