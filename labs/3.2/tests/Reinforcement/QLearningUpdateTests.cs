using StatelessMind.Labs.MlOps.Reinforcement;

namespace StatelessMind.Labs.MlOps.Tests.Reinforcement;

public sealed class QLearningUpdateTests
{
    [Fact]
    [Goal("3.2-4")]
    public void The_update_moves_toward_reward_plus_discounted_best_next_value()
    {
        var q = new double[2, 4];
        q[0, 1] = 0.2;
        q[1, 0] = 0.5;
        q[1, 3] = 0.8;
        QLearning.Update(q, state: 0, action: 1, reward: 0, nextState: 1, terminated: false, alpha: 0.5, gamma: 0.9);
        Assert.Equal(0.2 + 0.5 * (0.9 * 0.8 - 0.2), q[0, 1], 12);
        Assert.Equal(0.8, q[1, 3]);
    }

    [Fact]
    [Goal("3.2-4")]
    public void A_terminal_step_does_not_bootstrap()
    {
        var q = new double[2, 4];
        q[1, 2] = 10;
        QLearning.Update(q, state: 0, action: 2, reward: 1, nextState: 1, terminated: true, alpha: 0.1, gamma: 0.99);
        Assert.Equal(0.1, q[0, 2], 12);
    }

    [Fact]
    [Goal("3.2-4")]
    public void Trained_on_the_deterministic_4x4_the_greedy_policy_always_reaches_the_goal()
    {
        var env = new FrozenLakeEnv(FrozenLakeMap.Standard4x4, isSlippery: false, seed: 5);
        var result = QLearning.Train(env, new QLearningOptions { Episodes = 1_000, Seed = 5 });
        Assert.Equal(1.0, MdpSolver.SuccessProbability(env.Transitions, result.Policy, 0, env.MaxEpisodeSteps), 12);
        Assert.Equal(1_000, result.EpisodeReturns.Length);
    }
}
