namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>One simulated path on [0, <see cref="Horizon"/>]: the arrival times in order and the gaps before each.</summary>
public sealed record PoissonPath(double Horizon, IReadOnlyList<double> Times, IReadOnlyList<double> Gaps)
{
    /// <summary>N(T)/T, the maximum-likelihood estimate of λ.</summary>
    public double EmpiricalRate => Times.Count / Horizon;
}
