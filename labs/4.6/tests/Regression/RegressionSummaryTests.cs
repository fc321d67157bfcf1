using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using StatelessMind.Labs.StochasticStatistics.Regression;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Regression;

public sealed class RegressionSummaryTests
{
    private static SyntheticRegression Data(int rows = 25, int seed = 11) => SyntheticRegression.Draw(rows, seed, new Random(seed + 1));

    [Fact]
    [Goal("4.6-1")]
    public void With_one_predictor_f_is_the_slope_t_squared_and_r_squared_is_the_squared_correlation()
    {
        var data = Data();
        var x = data.Predictors.Select(r => r[1]).ToArray();
        var fit = new OrdinaryLeastSquares().Fit(x.Select(v => new[] { v }).ToArray(), data.Response);
        Assert.Equal(fit.TStatistics[1] * fit.TStatistics[1], fit.FStatistic, 9);
        Assert.Equal(fit.PValues[1], fit.FPValue, 12);
        Assert.Equal(Math.Pow(Correlation.Pearson(x, data.Response), 2), fit.RSquared, 12);
    }

    [Fact]
    [Goal("4.6-1")]
    public void P_values_equal_the_tails_of_mathnets_t_and_f_distributions()
    {
        var fit = new OrdinaryLeastSquares().Fit(Data().Predictors, Data().Response);
        for (var j = 0; j < fit.Coefficients.Count; j++)
        {
            var reference = 2 * StudentT.CDF(0, 1, fit.ResidualDegreesOfFreedom, -Math.Abs(fit.TStatistics[j]));
            Assert.Equal(1, fit.PValues[j] / reference, 8);
            Assert.Equal(fit.Coefficients[j] / fit.StandardErrors[j], fit.TStatistics[j], 12);
        }
        Assert.Equal(21, fit.ResidualDegreesOfFreedom);
        Assert.Equal(3, fit.RegressionDegreesOfFreedom);
        var fReference = 1 - FisherSnedecor.CDF(3, 21, fit.FStatistic);
        Assert.True(Math.Abs(fit.FPValue - fReference) <= 1e-9 + 1e-5 * fReference);
    }

    [Fact]
    [Goal("4.6-1")]
    public void Intervals_are_the_estimate_plus_minus_the_t_quantile_times_the_standard_error()
    {
        var data = Data();
        var at95 = new OrdinaryLeastSquares(0.95).Fit(data.Predictors, data.Response);
        var at99 = new OrdinaryLeastSquares(0.99).Fit(data.Predictors, data.Response);
        var q = StudentT.InvCDF(0, 1, 21, 0.975);
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal(at95.Coefficients[j] - q * at95.StandardErrors[j], at95.ConfidenceIntervals[j].Lower, 10);
            Assert.Equal(at95.Coefficients[j] + q * at95.StandardErrors[j], at95.ConfidenceIntervals[j].Upper, 10);
            Assert.True(at99.ConfidenceIntervals[j].Lower < at95.ConfidenceIntervals[j].Lower);
        }
    }

    [Fact]
    [Goal("4.6-1")]
    public void R_squared_and_adjusted_r_squared_follow_the_sums_of_squares()
    {
        var data = Data();
        var fit = new OrdinaryLeastSquares().Fit(data.Predictors, data.Response);
        var mean = data.Response.Average();
        var tss = data.Response.Sum(v => (v - mean) * (v - mean));
        Assert.Equal(tss, fit.TotalSumOfSquares, 8);
        Assert.Equal(1 - fit.ResidualSumOfSquares / tss, fit.RSquared, 12);
        Assert.Equal(1 - (1 - fit.RSquared) * 24 / 21, fit.AdjustedRSquared, 12);
        Assert.Equal(fit.ResidualSumOfSquares / 21, fit.ResidualMeanSquare, 10);
    }

    [Fact]
    [Goal("4.6-1")]
    public void Intervals_cover_the_true_slope_about_95_percent_of_the_time()
    {
        var random = new Random(5);
        var ols = new OrdinaryLeastSquares();
        const int replications = 600;
        var covered = 0;
        for (var r = 0; r < replications; r++)
        {
            var data = SyntheticRegression.Draw(20, 17, random);
            var (lower, upper) = ols.Fit(data.Predictors, data.Response).ConfidenceIntervals[2];
            if (lower <= -2 && -2 <= upper) covered++;
        }
        Assert.InRange((double)covered / replications, 0.95 - 4 * Math.Sqrt(0.0475 / replications), 0.95 + 4 * Math.Sqrt(0.0475 / replications));
    }
}
