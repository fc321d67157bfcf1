using MathNet.Numerics.Distributions;

namespace StatelessMind.Labs.NumericalMethods.Bayes;

/// <summary>
/// MCMC draws of one quantity held against its closed-form posterior, with Monte-Carlo error bars from the effective
/// sample size: the mean's standard error is sd/√ESS; a quantile q_p's is √(p(1 − p)/ESS)/f(q_p), f the posterior
/// density; the variance's is the standard deviation of the squared deviations over the square root of their own
/// ESS. The draws agree when the mean, the variance and both ends of the 95% credible interval lie within
/// <see cref="Tolerance"/> standard errors of the exact values, and R̂ &lt; 1.01.
/// </summary>
public sealed record PosteriorAgreement(
    double ExactMean, double SampleMean, double MeanStandardError,
    double ExactLower, double SampleLower, double LowerStandardError,
    double ExactUpper, double SampleUpper, double UpperStandardError,
    double ExactVariance, double SampleVariance, double VarianceStandardError,
    double Rhat, double EffectiveSampleSize, double AcceptanceRate)
{
    public const double Tolerance = 4;
    public const double RhatLimit = 1.01;

    public bool MeanAgrees => Math.Abs(SampleMean - ExactMean) <= Tolerance * MeanStandardError;
    public bool IntervalAgrees => Math.Abs(SampleLower - ExactLower) <= Tolerance * LowerStandardError
        && Math.Abs(SampleUpper - ExactUpper) <= Tolerance * UpperStandardError;
    public bool VarianceAgrees => Math.Abs(SampleVariance - ExactVariance) <= Tolerance * VarianceStandardError;
    public bool Converged => Rhat < RhatLimit;
    public bool Agrees => MeanAgrees && VarianceAgrees && IntervalAgrees && Converged;

    /// <summary>Compares the chains' draws (already mapped to the model's parameter) with the exact posterior.</summary>
    public static PosteriorAgreement Of(IReadOnlyList<double[]> chains, IContinuousDistribution posterior, Func<double, double> posteriorQuantile, double acceptanceRate)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentNullException.ThrowIfNull(posteriorQuantile);
        var all = chains.SelectMany(c => c).ToArray();
        var ess = ChainDiagnostics.EffectiveSampleSize(chains);
        var sorted = all.Order().ToArray();
        double Quantile(double p) => MathNet.Numerics.Statistics.SortedArrayStatistics.Quantile(sorted, p);
        double QuantileError(double p, double q) => Math.Sqrt(p * (1 - p) / ess) / posterior.Density(q);
        double lower = posteriorQuantile(0.025), upper = posteriorQuantile(0.975);
        var mean = all.Average();
        var squares = chains.Select(c => c.Select(v => (v - mean) * (v - mean)).ToArray()).ToList();
        var flatSquares = squares.SelectMany(c => c).ToArray();
        var sampleVariance = flatSquares.Average();
        var squaresSd = Math.Sqrt(flatSquares.Sum(v => (v - sampleVariance) * (v - sampleVariance)) / (flatSquares.Length - 1));
        return new PosteriorAgreement(
            posterior.Mean, all.Average(), posterior.StdDev / Math.Sqrt(ess),
            lower, Quantile(0.025), QuantileError(0.025, lower),
            upper, Quantile(0.975), QuantileError(0.975, upper),
            posterior.Variance, sampleVariance, squaresSd / Math.Sqrt(ChainDiagnostics.EffectiveSampleSize(squares)),
            ChainDiagnostics.SplitRhat(chains), ess, acceptanceRate);
    }
}
