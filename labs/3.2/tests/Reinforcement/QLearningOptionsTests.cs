using StatelessMind.Labs.MlOps.Reinforcement;

namespace StatelessMind.Labs.MlOps.Tests.Reinforcement;

public sealed class QLearningOptionsTests
{
    [Fact]
    [Goal("3.2-4")]
    public void Epsilon_decays_from_start_to_end_over_the_decay_fraction_then_holds()
    {
        var options = new QLearningOptions { Episodes = 1_000, EpsilonStart = 1, EpsilonEnd = 0.01, EpsilonDecayFraction = 0.5 };
        Assert.Equal(1.0, options.Epsilon(0), 12);
        Assert.Equal(0.1, options.Epsilon(250), 9);
        Assert.Equal(0.01, options.Epsilon(500), 12);
        Assert.Equal(0.01, options.Epsilon(999), 12);
        for (var e = 1; e < 1_000; e++) Assert.True(options.Epsilon(e) <= options.Epsilon(e - 1));
    }
}
