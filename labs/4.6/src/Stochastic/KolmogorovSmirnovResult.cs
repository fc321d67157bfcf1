namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>A one-sample Kolmogorov–Smirnov test: Dₙ = sup|Fₙ(x) − F(x)| over a sample of <see cref="N"/>, and its
/// p-value from the Kolmogorov distribution (Stephens' correction).</summary>
public sealed record KolmogorovSmirnovResult(int N, double Statistic, double PValue)
{
    public bool RejectsAt(double alpha) => PValue < alpha;
}
