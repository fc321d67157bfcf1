using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>
/// Ordinary least squares with an intercept, by Householder QR, and the classical inference under normal errors:
/// σ̂² = RSS/(n − p), se(β̂ⱼ) = σ̂ √((XᵀX)⁻¹)ⱼⱼ, t = β̂ⱼ / se with n − p degrees of freedom, and the F test
/// F = (SSR/(p − 1)) / (RSS/(n − p)) with (p − 1, n − p) degrees of freedom.
/// </summary>
public sealed class OrdinaryLeastSquares(double confidenceLevel = 0.95, RegressionBug bug = RegressionBug.None)
{
    /// <summary>A pivot |rⱼⱼ| below this fraction of column j's norm means column j is a combination of the earlier ones.</summary>
    public const double RankTolerance = 1e-11;

    /// <summary>Fits y = β₀ + Σ βⱼ xⱼ + ε; <paramref name="predictors"/> holds one row of predictor values per observation.</summary>
    public RegressionFit Fit(IReadOnlyList<double[]> predictors, IReadOnlyList<double> response, IReadOnlyList<string>? predictorNames = null)
    {
        ArgumentNullException.ThrowIfNull(predictors);
        ArgumentNullException.ThrowIfNull(response);
        if (confidenceLevel is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "a confidence level is strictly between 0 and 1");
        var n = predictors.Count;
        if (response.Count != n) throw new ObservationShapeException(Math.Min(n, response.Count), 0, $"one response per row of predictors ({n} rows, {response.Count} responses)");
        if (n == 0) throw new TooFewRowsException(0, 1);
        var k = predictors[0].Length;
        if (k == 0) throw new ObservationShapeException(0, 0, "at least one predictor (the F test compares the model with the intercept alone)");
        var p = k + 1;
        var design = new double[n, p];
        for (var i = 0; i < n; i++)
        {
            if (predictors[i].Length != k) throw new ObservationShapeException(i, predictors[i].Length, $"{k} predictor values, as in row 0");
            if (!double.IsFinite(response[i])) throw new ObservationShapeException(i, 0, $"a finite response, not {response[i]}");
            design[i, 0] = 1;
            for (var j = 0; j < k; j++)
            {
                if (!double.IsFinite(predictors[i][j])) throw new ObservationShapeException(i, j + 1, $"a finite predictor value, not {predictors[i][j]}");
                design[i, j + 1] = predictors[i][j];
            }
        }
        if (n <= p) throw new TooFewRowsException(n, p);

        var y = response.ToArray();
        var factors = HouseholderQr.Factor(design, y);
        for (var j = 0; j < p; j++)
        {
            var columnNorm = 0.0;
            for (var i = 0; i < n; i++) columnNorm += design[i, j] * design[i, j];
            columnNorm = Math.Sqrt(columnNorm);
            var pivot = Math.Abs(factors.R[j, j]);
            if (pivot <= RankTolerance * columnNorm || pivot == 0)
                throw new SingularDesignException(j, j == 0 ? "intercept" : predictorNames?.ElementAtOrDefault(j - 1) ?? $"x{j}", pivot, columnNorm);
        }
        var rInverse = HouseholderQr.InvertUpper(factors.R);
        var beta = new double[p];
        for (var j = 0; j < p; j++)
            for (var m = j; m < p; m++) beta[j] += rInverse[j, m] * factors.QtY[m];
        var rss = 0.0;
        for (var i = p; i < n; i++) rss += factors.QtY[i] * factors.QtY[i];

        var mean = bug == RegressionBug.UncentredTotal ? 0 : y.Average();
        var tss = y.Sum(v => (v - mean) * (v - mean));
        var sigma2 = bug == RegressionBug.VarianceOverN ? rss / n : rss / (n - p);
        return Summarize(beta, HouseholderQr.UnscaledVariances(rInverse), rss, tss, n, sigma2, confidenceLevel);
    }

    /// <summary>Standard errors, t statistics, two-sided p-values and confidence intervals per coefficient, and the
    /// ANOVA of the model: R², adjusted R², F and its p-value. <paramref name="sigma2"/> is the residual mean square.</summary>
    internal static RegressionFit Summarize(double[] beta, double[] unscaledVariances, double rss, double tss, int n, double sigma2, double level)
    {
        #region Exercise 4.6-1c: standard errors, t tests, confidence intervals, R² and the F test (tests: RegressionSummaryTests, LongleyTests)
        var p = beta.Length;
        var residualDf = n - p;
        var regressionDf = p - 1;
        var critical = StudentT.InvCDF(0, 1, residualDf, 1 - (1 - level) / 2);
        var se = new double[p];
        var t = new double[p];
        var pValues = new double[p];
        var intervals = new (double, double)[p];
        for (var j = 0; j < p; j++)
        {
            se[j] = Math.Sqrt(sigma2 * unscaledVariances[j]);
            t[j] = beta[j] / se[j];
            pValues[j] = TwoSidedStudentP(t[j], residualDf);
            intervals[j] = (beta[j] - critical * se[j], beta[j] + critical * se[j]);
        }
        var rSquared = 1 - rss / tss;
        var adjusted = 1 - (1 - rSquared) * (n - 1) / residualDf;
        var f = (tss - rss) / regressionDf / sigma2;
        return new RegressionFit(beta, se, t, pValues, intervals, level, rss, tss, regressionDf, residualDf, sigma2,
            rSquared, adjusted, f, FisherUpperTail(f, regressionDf, residualDf));
        #endregion
    }

    /// <summary>P(|T| ≥ |t|) for Student's t with ν degrees of freedom, as the regularized incomplete beta
    /// I_{ν/(ν+t²)}(ν/2, 1/2): no 1 − CDF subtraction, so tiny p-values keep their relative precision.</summary>
    public static double TwoSidedStudentP(double t, int degreesOfFreedom) =>
        SpecialFunctions.BetaRegularized(degreesOfFreedom / 2.0, 0.5, degreesOfFreedom / (degreesOfFreedom + t * t));

    /// <summary>P(F ≥ f) for Fisher's F with (d₁, d₂) degrees of freedom, as I_{d₂/(d₂+d₁f)}(d₂/2, d₁/2).</summary>
    public static double FisherUpperTail(double f, int d1, int d2) =>
        SpecialFunctions.BetaRegularized(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * f));
}
