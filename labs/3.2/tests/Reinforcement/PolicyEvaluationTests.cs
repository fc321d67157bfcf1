using StatelessMind.Labs.MlOps.Reinforcement;

namespace StatelessMind.Labs.MlOps.Tests.Reinforcement;

public sealed class PolicyEvaluationTests
{
    [Fact]
    [Goal("3.2-4")]
    public void A_deterministic_path_succeeds_exactly_when_the_horizon_covers_it()
    {
        var p = new FrozenLakeEnv(FrozenLakeMap.Standard4x4, isSlippery: false).Transitions;
        var policy = MdpSolver.ValueIteration(p, 0.9).Policy;
        Assert.Equal(1.0, MdpSolver.SuccessProbability(p, policy, 0, 6), 12);
        Assert.Equal(0.0, MdpSolver.SuccessProbability(p, policy, 0, 5), 12);
        Assert.Equal(0.0, MdpSolver.SuccessProbability(p, Enumerable.Repeat(FrozenLakeEnv.Left, 16).ToArray(), 0, 100), 12);
    }

    [Fact]
    [Goal("3.2-4")]
    public void On_slippery_ice_the_exact_probability_matches_simulated_episodes()
    {
        var env = new FrozenLakeEnv(FrozenLakeMap.Standard4x4, isSlippery: true, seed: 11);
        var policy = MdpSolver.ValueIteration(env.Transitions, 0.99).Policy;
        var exact = MdpSolver.SuccessProbability(env.Transitions, policy, 0, env.MaxEpisodeSteps);
        const int episodes = 20_000;
        var simulated = QLearningExperiment.SimulatedSuccessRate(env, policy, episodes);
        var sigma = Math.Sqrt(exact * (1 - exact) / episodes);
        Assert.InRange(exact, 0.05, 0.95);
        Assert.InRange(simulated, exact - 5 * sigma, exact + 5 * sigma);
    }
}
