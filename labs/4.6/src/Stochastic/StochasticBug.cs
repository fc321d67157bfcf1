namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>Deliberate mistakes of goal 4.6-3 (tests and the experiment's bug runs only).</summary>
public enum StochasticBug
{
    None,

    /// <summary>The walk draws the next state from the row of the state after the current one, (i + 1) mod n: the
    /// visit frequencies converge to the wrong distribution, which the total-variation check against π sees.</summary>
    WrongRowInSimulation,

    /// <summary>The eigenvector for eigenvalue 1 is returned with unit Euclidean length instead of unit sum: it is not a
    /// probability vector, and it disagrees with the linear solve.</summary>
    UnnormalisedStationary,

    /// <summary>Inter-arrival times drawn uniform on [0, 2/λ] instead of Exp(λ): the mean, and so the rate, is right,
    /// but the distribution is not; the Kolmogorov–Smirnov and chi-square tests must reject it.</summary>
    UniformInterArrivals,

    /// <summary>Each unit window's count includes the arrival that closes it: every count is one too many, which the
    /// chi-square test against Poisson(λ) must reject.</summary>
    CountsOffByOne,
}
