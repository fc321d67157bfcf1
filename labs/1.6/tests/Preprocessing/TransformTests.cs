using StatelessMind.Labs.LearningData.Preprocessing;

namespace StatelessMind.Labs.LearningData.Tests.Preprocessing;

public sealed class TransformTests
{
    private static readonly RawTable Train = new(["size", "colour", "weight"],
    [
        ["S", "red", "2"],
        ["L", "blue", "6"],
        ["M", "red", null],
        ["M", "green", "4"],
    ]);

    private static PreprocessingSpec Spec(UnseenCategoryPolicy unseen = UnseenCategoryPolicy.AllZeros, NumericScaling scaling = NumericScaling.Standardize) =>
        new([ColumnSpec.Ordinal("size", "S", "M", "L"), ColumnSpec.Nominal("colour"), ColumnSpec.Numeric("weight")], scaling, unseen);

    [Fact]
    [Goal("1.6-2")]
    public void Rows_become_ordinal_code_then_one_hot_then_the_scaled_number()
    {
        var fitted = Preprocessor.Fit(Train, Spec());
        Assert.Equal(["size", "colour=blue", "colour=green", "colour=red", "weight"], fitted.OutputNames);
        var std = Math.Sqrt(8 / 3.0); // weights 2, 6, 4: mean 4, population variance 8/3
        var rows = fitted.Transform(Train);
        Assert.Equal([0f, 0, 0, 1, (float)(-2 / std)], rows[0]);
        Assert.Equal([1f, 1, 0, 0, (float)(2 / std)], rows[1]);
        Assert.Equal([0.5f, 0, 0, 1, 0f], rows[2]); // missing weight → median 4 → 0
    }

    [Fact]
    [Goal("1.6-2")]
    public void Min_max_maps_the_training_range_to_zero_one_without_clipping_beyond_it()
    {
        var fitted = Preprocessor.Fit(Train, Spec(scaling: NumericScaling.MinMax));
        var rows = fitted.Transform(new RawTable(["size", "colour", "weight"], [["S", "red", "2"], ["S", "red", "10"]]));
        Assert.Equal(0f, rows[0][^1]);
        Assert.Equal(2f, rows[1][^1]);
    }

    [Fact]
    [Goal("1.6-2")]
    public void An_unseen_category_is_all_zeros_or_a_typed_error_and_a_missing_one_takes_the_most_frequent()
    {
        var rows = new RawTable(["size", "colour", "weight"], [["S", "purple", "2"], ["S", null, "2"]]);
        var zeros = Preprocessor.Fit(Train, Spec()).Transform(rows);
        Assert.Equal([0f, 0, 0], zeros[0][1..4]);
        Assert.Equal([0f, 0, 1], zeros[1][1..4]);
        var e = Assert.Throws<PreprocessingInputException>(() => Preprocessor.Fit(Train, Spec(UnseenCategoryPolicy.Error)).Transform(rows));
        Assert.Equal(("colour", 0), (e.Column, e.Row));
        Assert.Contains("'purple' was not seen in training", e.Message);
    }

    [Fact]
    [Goal("1.6-2")]
    public void A_bad_number_and_an_absent_column_are_typed_errors()
    {
        var fitted = Preprocessor.Fit(Train, Spec());
        var bad = Assert.Throws<PreprocessingInputException>(() => fitted.Transform(new RawTable(["size", "colour", "weight"], [["S", "red", "2"], ["S", "red", "heavy"]])));
        Assert.Equal(("weight", 1), (bad.Column, bad.Row));
        Assert.Throws<PreprocessingInputException>(() => fitted.Transform(new RawTable(["size", "colour"], [["S", "red"]])));
    }
}
