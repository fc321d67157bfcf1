using StatelessMind.Labs.LearningData.Preprocessing;

namespace StatelessMind.Labs.LearningData.Tests.Preprocessing;

public sealed class CategoricalFitTests
{
    [Fact]
    [Goal("1.6-2")]
    public void A_nominal_column_learns_its_sorted_vocabulary_and_its_most_frequent_value()
    {
        var column = Preprocessor.FitCategorical("colour", ColumnKind.Nominal, ["red", null, "blue", "red", "green"], levels: null);
        Assert.Equal(["blue", "green", "red"], column.Categories);
        Assert.Equal("red", column.FillCategory);
        Assert.Equal(3, column.Width);
    }

    [Fact]
    [Goal("1.6-2")]
    public void A_tie_for_most_frequent_goes_to_the_first_value_in_order()
    {
        Assert.Equal("a", Preprocessor.FitCategorical("t", ColumnKind.Nominal, ["b", "a", "b", "a"], null).FillCategory);
    }

    [Fact]
    [Goal("1.6-2")]
    public void An_ordinal_column_keeps_its_declared_order_and_refuses_a_stray_level()
    {
        var column = Preprocessor.FitCategorical("size", ColumnKind.Ordinal, ["M", "S", "M", null], ["S", "M", "L"]);
        Assert.Equal(["S", "M", "L"], column.Categories);
        Assert.Equal("M", column.FillCategory);
        var e = Assert.Throws<PreprocessingInputException>(() => Preprocessor.FitCategorical("size", ColumnKind.Ordinal, ["S", "XL"], ["S", "M", "L"]));
        Assert.Equal((1, "size"), (e.Row, e.Column));
    }

    [Fact]
    [Goal("1.6-2")]
    public void An_all_missing_column_is_refused()
    {
        Assert.Throws<PreprocessingInputException>(() => Preprocessor.FitCategorical("x", ColumnKind.Nominal, [null, null], null));
    }
}
