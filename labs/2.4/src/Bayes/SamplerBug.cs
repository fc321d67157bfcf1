namespace StatelessMind.Labs.NumericalMethods.Bayes;

/// <summary>Deliberate mistakes a sampler can be built with (tests and the experiment's bug runs only), so that the
/// check against the conjugate posterior can be seen to catch them. <see cref="None"/> is the correct sampler.</summary>
public enum SamplerBug
{
    None,

    /// <summary>Metropolis–Hastings records a draw only when a proposal is accepted; a rejection should record the
    /// current state again. The recorded states then follow π(x)·P(move from x), not π.</summary>
    RejectionNotRecorded,

    /// <summary>HMC accepts a trajectory's end by the potential energy alone, min(1, π(q₁)/π(q₀)), leaving out the
    /// kinetic energy: the proposal q₀ → q₁ is not symmetric, so the chain over-weights high density (for a Gaussian
    /// target it samples ∝ π², half the variance).</summary>
    AcceptanceIgnoresKineticEnergy,
}
