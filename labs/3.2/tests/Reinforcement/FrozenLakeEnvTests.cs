using StatelessMind.Labs.MlOps.Reinforcement;

namespace StatelessMind.Labs.MlOps.Tests.Reinforcement;

public sealed class FrozenLakeEnvTests
{
    [Fact]
    [Goal("3.2-4")]
    public void Reset_returns_the_start_and_an_info_with_probability_one()
    {
        var env = new FrozenLakeEnv(FrozenLakeMap.Standard8x8, isSlippery: true);
        var (observation, info) = env.Reset(seed: 3);
        Assert.Equal(0, observation);
        Assert.Equal(1.0, info["prob"]);
        Assert.Equal(200, env.MaxEpisodeSteps);
    }

    [Fact]
    [Goal("3.2-4")]
    public void Reaching_the_goal_pays_one_and_terminates()
    {
        var env = new FrozenLakeEnv(FrozenLakeMap.Standard4x4, isSlippery: false);
        env.Reset();
        StepResult? last = null;
        foreach (var action in new[] { FrozenLakeEnv.Down, FrozenLakeEnv.Down, FrozenLakeEnv.Right, FrozenLakeEnv.Right, FrozenLakeEnv.Down, FrozenLakeEnv.Right })
        {
            Assert.False(last?.Terminated ?? false);
            last = env.Step(action);
            Assert.False(last.Truncated);
        }
        Assert.Equal(new StepResult(15, 1, true, false, last!.Info), last);
        Assert.Throws<InvalidOperationException>(() => env.Step(FrozenLakeEnv.Left));
    }

    [Fact]
    [Goal("3.2-4")]
    public void Falling_into_a_hole_terminates_with_no_reward()
    {
        var env = new FrozenLakeEnv(FrozenLakeMap.Standard4x4, isSlippery: false);
        env.Reset();
        env.Step(FrozenLakeEnv.Right);
        var step = env.Step(FrozenLakeEnv.Down);
        Assert.Equal((5, 0.0, true, false), (step.Observation, step.Reward, step.Terminated, step.Truncated));
    }

    [Fact]
    [Goal("3.2-4")]
    public void The_time_limit_truncates_without_terminating()
    {
        var env = new FrozenLakeEnv(FrozenLakeMap.Standard4x4, isSlippery: false, maxEpisodeSteps: 5);
        env.Reset();
        for (var i = 0; i < 4; i++) Assert.False(env.Step(FrozenLakeEnv.Left).Truncated);
        var step = env.Step(FrozenLakeEnv.Left);
        Assert.Equal((0, false, true), (step.Observation, step.Terminated, step.Truncated));
        Assert.Throws<InvalidOperationException>(() => env.Step(FrozenLakeEnv.Left));
        Assert.Equal(0, env.Reset().Observation);
    }

    [Fact]
    [Goal("3.2-4")]
    public void Bad_actions_and_steps_before_reset_are_rejected()
    {
        var env = new FrozenLakeEnv(FrozenLakeMap.Standard4x4, isSlippery: false);
        Assert.Throws<InvalidOperationException>(() => env.Step(FrozenLakeEnv.Left));
        env.Reset();
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(4));
    }

    [Theory]
    [Goal("3.2-4")]
    [InlineData(new[] { "SFF", "FH" }, 1, 2, "3 cells")]
    [InlineData(new[] { "SFX", "FHG" }, 0, 2, "not 'X'")]
    [InlineData(new[] { "FFF", "FHG" }, 0, 0, "exactly one start S, found 0")]
    [InlineData(new[] { "SFF", "FHF" }, 0, 0, "at least one goal G")]
    public void A_malformed_map_names_the_cell_and_what_was_expected(string[] rows, int row, int column, string expected)
    {
        var error = Assert.Throws<FrozenLakeMapException>(() => new FrozenLakeMap(rows));
        Assert.Equal((row, column), (error.Row, error.Column));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
