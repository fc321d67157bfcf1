using StatelessMind.Labs.MlOps.Reinforcement;

namespace StatelessMind.Labs.MlOps.Tests.Reinforcement;

public sealed class QLearningExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("3.2-4")]
    public async Task The_learned_policies_come_within_the_stated_gap_of_optimal_on_all_four_maps()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new QLearningExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Single(finding.Plots);
    }

    [Fact]
    [Goal("3.2-4")]
    public async Task Bootstrapping_from_the_state_left_behind_fails_the_near_optimality_checks()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new QLearningExperiment(QLearningBug.TargetFromCurrentState), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("the learned greedy policy reaches the goal", finding.Summary, StringComparison.Ordinal);
    }
}
