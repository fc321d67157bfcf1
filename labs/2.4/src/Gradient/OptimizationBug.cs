namespace StatelessMind.Labs.NumericalMethods.Gradient;

/// <summary>Deliberate mistakes in the optimizers of goal 2.4-2 (tests and the experiment's bug runs only).</summary>
public enum OptimizationBug
{
    None,

    /// <summary>Adam by hand without the bias correction m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ): its steps then differ from
    /// torch.optim.Adam's, most in the first iterations.</summary>
    AdamWithoutBiasCorrection,

    /// <summary>ADMM's z-update soft-thresholds by λ instead of λ/ρ: it converges, but to the LASSO solution of another
    /// λ, which the KKT conditions and the duality gap of the real problem reject.</summary>
    ThresholdWithoutRho,
}
