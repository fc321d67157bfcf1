using MathNet.Numerics.Distributions;

namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>Data drawn from a known linear model y = Xβ + ε, ε ~ N(0, σ²), so that intervals and tests can be held
/// against the truth: a 95% interval must cover the true β about 95% of the time, and a zero slope must be rejected at
/// level 0.05 about 5% of the time.</summary>
public sealed record SyntheticRegression(double[][] Predictors, double[] Response)
{
    /// <summary>True coefficients: intercept 3, slopes 1.5, −2 and 0 (the last one is the null hypothesis that holds).</summary>
    public static IReadOnlyList<double> TrueCoefficients { get; } = [3, 1.5, -2, 0];

    public const double NoiseSd = 2;

    /// <summary>A fixed design (drawn once from <paramref name="designSeed"/>) with fresh noise from <paramref name="random"/>.</summary>
    public static SyntheticRegression Draw(int rows, int designSeed, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var designRandom = new Random(designSeed);
        var predictors = new double[rows][];
        var response = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            predictors[i] = [Normal.Sample(designRandom, 0, 1), Normal.Sample(designRandom, 5, 2), designRandom.NextDouble() * 10];
            response[i] = TrueCoefficients[0] + Enumerable.Range(0, 3).Sum(j => TrueCoefficients[j + 1] * predictors[i][j])
                + Normal.Sample(random, 0, NoiseSd);
        }
        return new SyntheticRegression(predictors, response);
    }
}
