using StatelessMind.Labs.StochasticStatistics.Regression;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Regression;

public sealed class RegressionInputTests
{
    private static readonly OrdinaryLeastSquares Ols = new();

    [Fact]
    [Goal("4.6-1")]
    public void A_column_that_repeats_another_is_a_singular_design_naming_it()
    {
        var x = LongleyData.Predictors().Select(r => (double[])[.. r, 2 * r[4] - 3]).ToArray();
        var e = Assert.Throws<SingularDesignException>(() => Ols.Fit(x, LongleyData.Response(), [.. LongleyData.PredictorNames, "twice population"]));
        Assert.Equal(7, e.Column);
        Assert.Equal("twice population", e.Name);
    }

    [Fact]
    [Goal("4.6-1")]
    public void A_constant_predictor_is_singular_with_the_intercept()
    {
        var x = Enumerable.Range(0, 10).Select(i => new double[] { i, 4 }).ToArray();
        var e = Assert.Throws<SingularDesignException>(() => Ols.Fit(x, Enumerable.Range(0, 10).Select(i => (double)i * i).ToArray()));
        Assert.Equal(2, e.Column);
    }

    [Fact]
    [Goal("4.6-1")]
    public void As_many_rows_as_coefficients_is_too_few()
    {
        var e = Assert.Throws<TooFewRowsException>(() => Ols.Fit(LongleyData.Predictors().Take(7).ToArray(), LongleyData.Response().Take(7).ToArray()));
        Assert.Equal(7, e.Rows);
        Assert.Equal(7, e.Coefficients);
        Assert.Contains("at least 8 rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("4.6-1")]
    public void Ragged_rows_missing_responses_and_non_finite_values_name_where()
    {
        var x = LongleyData.Predictors();
        var y = LongleyData.Response();
        Assert.Throws<ObservationShapeException>(() => Ols.Fit(x, y.Take(15).ToArray()));
        x[3] = x[3].Take(5).ToArray();
        var ragged = Assert.Throws<ObservationShapeException>(() => Ols.Fit(x, y));
        Assert.Equal(3, ragged.Row);
        x = LongleyData.Predictors();
        x[9][2] = double.NaN;
        var nan = Assert.Throws<ObservationShapeException>(() => Ols.Fit(x, y));
        Assert.Equal((9, 3), (nan.Row, nan.Column));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrdinaryLeastSquares(1.5).Fit(LongleyData.Predictors(), y));
    }
}
