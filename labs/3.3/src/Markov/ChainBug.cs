namespace StatelessMind.Labs.ProbabilisticModels.Markov;

/// <summary>Planted mistakes of the Markov-chain code (tests and the experiment's bug runs only).</summary>
public enum ChainBug
{
    None,

    /// <summary>The stationary system is built from P instead of Pᵀ: it solves P π = π, whose answer for a stochastic
    /// matrix is the uniform vector, not π P = π.</summary>
    StationaryFromUntransposedMatrix,

    /// <summary>Expected steps to absorption count the visits after the first one only (N·1 − 1).</summary>
    ExpectedStepsOffByOne,
}
