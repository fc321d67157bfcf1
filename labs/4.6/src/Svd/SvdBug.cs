namespace StatelessMind.Labs.StochasticStatistics.Svd;

/// <summary>Deliberate mistakes of goal 4.6-2 (tests and the experiment's bug runs only).</summary>
public enum SvdBug
{
    None,

    /// <summary>The rank-k reconstruction keeps only k − 1 terms: its error exceeds Σ_{i>k} σᵢ² by σ_k², which the
    /// Eckart–Young check sees.</summary>
    RankOffByOne,

    /// <summary>The randomized SVD skips its power iterations: on a slowly decaying spectrum the sketch's range misses
    /// part of the top singular subspace, and the singular values drift from MathNet's.</summary>
    NoPowerIterations,
}
