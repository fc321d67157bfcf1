using StatelessMind.Labs.MlOps.Reinforcement;

namespace StatelessMind.Labs.MlOps.Tests.Reinforcement;

public sealed class FrozenLakeTransitionTests
{
    private static readonly FrozenLakeMap Map = FrozenLakeMap.Standard4x4;

    [Theory]
    [Goal("3.2-4")]
    [InlineData("4x4", false)]
    [InlineData("4x4", true)]
    [InlineData("8x8", false)]
    [InlineData("8x8", true)]
    public void Every_action_outcome_distribution_sums_to_one_and_terminal_states_absorb(string name, bool slippery)
    {
        var map = name == "4x4" ? FrozenLakeMap.Standard4x4 : FrozenLakeMap.Standard8x8;
        var p = new FrozenLakeEnv(map, slippery).Transitions;
        Assert.Equal(map.StateCount, p.Count);
        for (var s = 0; s < map.StateCount; s++)
        {
            Assert.Equal(FrozenLakeEnv.ActionCount, p[s].Count);
            for (var a = 0; a < FrozenLakeEnv.ActionCount; a++)
            {
                Assert.Equal(1.0, p[s][a].Sum(t => t.Probability), 12);
                if (map.IsTerminal(s)) Assert.Equal([new Transition(1.0, s, 0, true)], p[s][a]);
                else Assert.Equal(slippery ? 3 : 1, p[s][a].Count);
            }
        }
    }

    [Fact]
    [Goal("3.2-4")]
    public void Slippery_ice_moves_in_the_intended_or_either_perpendicular_direction_with_a_third_each()
    {
        var p = new FrozenLakeEnv(Map, isSlippery: true).Transitions;
        // From the start (row 0, column 0), Down slides left (a wall: stays at 0), down (4) or right (1).
        Assert.Equal([new Transition(1.0 / 3, 0, 0, false), new Transition(1.0 / 3, 4, 0, false), new Transition(1.0 / 3, 1, 0, false)], p[0][FrozenLakeEnv.Down]);
        // From 14 (row 3, column 2), Right reaches the goal 15 with reward 1 a third of the time; the others slide down (a wall) or up to 10.
        Assert.Equal([new Transition(1.0 / 3, 14, 0, false), new Transition(1.0 / 3, 15, 1, true), new Transition(1.0 / 3, 10, 0, false)], p[14][FrozenLakeEnv.Right]);
        // From 1, Down may fall into the hole at 5 (terminated, reward 0).
        Assert.Contains(new Transition(1.0 / 3, 5, 0, true), p[1][FrozenLakeEnv.Down]);
    }

    [Fact]
    [Goal("3.2-4")]
    public void Without_slipping_every_move_is_deterministic_and_walls_keep_the_agent_in_place()
    {
        var p = new FrozenLakeEnv(Map, isSlippery: false).Transitions;
        Assert.Equal([new Transition(1.0, 0, 0, false)], p[0][FrozenLakeEnv.Left]);
        Assert.Equal([new Transition(1.0, 0, 0, false)], p[0][FrozenLakeEnv.Up]);
        Assert.Equal([new Transition(1.0, 1, 0, false)], p[0][FrozenLakeEnv.Right]);
        Assert.Equal([new Transition(1.0, 4, 0, false)], p[0][FrozenLakeEnv.Down]);
        Assert.Equal([new Transition(1.0, 15, 1, true)], p[14][FrozenLakeEnv.Right]);
    }

    [Fact]
    [Goal("3.2-4")]
    public void Sampled_steps_follow_the_listed_probabilities()
    {
        var env = new FrozenLakeEnv(Map, isSlippery: true, seed: 7);
        const int trials = 30_000;
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < trials; i++)
        {
            env.Reset();
            var step = env.Step(FrozenLakeEnv.Down);
            counts[step.Observation] = counts.GetValueOrDefault(step.Observation) + 1;
            Assert.Equal(1.0 / 3, step.Info["prob"], 12);
        }
        // Each outcome has probability 1/3: the standard deviation of its frequency is sqrt(p(1-p)/n) ≈ 0.0027; allow 5σ.
        Assert.Equal([0, 1, 4], counts.Keys.Order());
        foreach (var count in counts.Values) Assert.InRange(count / (double)trials, 1.0 / 3 - 0.0136, 1.0 / 3 + 0.0136);
    }
}
