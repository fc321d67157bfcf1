using StatelessMind.Labs.LearningData.Preprocessing;

namespace StatelessMind.Labs.LearningData.Tests.Preprocessing;

public sealed class NumericFitTests
{
    [Fact]
    [Goal("1.6-2")]
    public void Standardisation_learns_the_median_mean_and_population_deviation_of_the_present_values()
    {
        var column = Preprocessor.FitNumeric("x", [1, double.NaN, 3, 8, 4], NumericScaling.Standardize);
        Assert.Equal(3.5, column.Fill); // median of 1, 3, 4, 8
        Assert.Equal(4.0, column.Center);
        Assert.Equal(Math.Sqrt((9 + 1 + 16 + 0) / 4.0), column.Scale, 12);
    }

    [Fact]
    [Goal("1.6-2")]
    public void Min_max_learns_the_minimum_and_the_range()
    {
        var column = Preprocessor.FitNumeric("x", [5, 2, double.NaN, 11], NumericScaling.MinMax);
        Assert.Equal((5.0, 2.0, 9.0), (column.Fill, column.Center, column.Scale));
    }

    [Fact]
    [Goal("1.6-2")]
    public void A_constant_column_gets_scale_one_and_an_all_missing_column_is_refused()
    {
        Assert.Equal(1.0, Preprocessor.FitNumeric("c", [7, 7, 7], NumericScaling.Standardize).Scale);
        Assert.Equal(1.0, Preprocessor.FitNumeric("c", [7, 7], NumericScaling.MinMax).Scale);
        var e = Assert.Throws<PreprocessingInputException>(() => Preprocessor.FitNumeric("empty", [double.NaN, double.NaN], NumericScaling.Standardize));
        Assert.Equal("empty", e.Column);
    }
}
