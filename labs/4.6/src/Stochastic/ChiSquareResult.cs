namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>A chi-square goodness-of-fit test: X² = Σ(O − E)²/E over bins each expecting ≥ 5, with bins − 1 degrees
/// of freedom (the rate is given, not estimated) and the p-value 1 − F_χ²(X²) from MathNet's ChiSquared.</summary>
public sealed record ChiSquareResult(IReadOnlyList<ChiSquareBin> Bins, double Statistic, int DegreesOfFreedom, double PValue)
{
    public bool RejectsAt(double alpha) => PValue < alpha;
}
