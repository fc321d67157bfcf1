namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>Tabular Q-learning's settings: episodes, step size α, discount γ, and ε-greedy exploration decaying
/// exponentially from <see cref="EpsilonStart"/> to <see cref="EpsilonEnd"/> over the first
/// <see cref="EpsilonDecayFraction"/> of the episodes, then held.</summary>
public sealed record QLearningOptions
{
    public int Episodes { get; init; } = 20_000;
    public double Alpha { get; init; } = 0.1;
    public double Gamma { get; init; } = 0.99;
    public double EpsilonStart { get; init; } = 1.0;
    public double EpsilonEnd { get; init; } = 0.01;
    public double EpsilonDecayFraction { get; init; } = 0.8;
    public int Seed { get; init; } = 1;

    /// <summary>ε in episode <paramref name="episode"/> (0-based).</summary>
    public double Epsilon(int episode)
    {
        var decayEpisodes = Math.Max(1, EpsilonDecayFraction * Episodes);
        return episode >= decayEpisodes ? EpsilonEnd : EpsilonStart * Math.Pow(EpsilonEnd / EpsilonStart, episode / decayEpisodes);
    }
}
