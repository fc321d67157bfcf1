namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>A goodness-of-fit test got too little data: an empty sample for Kolmogorov–Smirnov, or so few windows that
/// merging bins until each expects ≥ 5 leaves fewer than two bins (no degree of freedom) for chi-square.</summary>
public sealed class TooFewBinsException(string detail)
    : StatisticalInputException(detail)
{
}
