using StatelessMind.Labs.LearningData.Preprocessing;

namespace StatelessMind.Labs.LearningData.Tests.Preprocessing;

public sealed class SerializationTests
{
    private static readonly RawTable Table = new(["size", "colour", "weight"], [["S", "red", "2"], ["L", "blue", null], ["M", "red", "4.25"]]);
    private static readonly PreprocessingSpec Spec = new([ColumnSpec.Ordinal("size", "S", "M", "L"), ColumnSpec.Nominal("colour"), ColumnSpec.Numeric("weight")]);

    [Fact]
    [Goal("1.6-2")]
    public void The_reloaded_pipeline_has_the_same_state_and_encodes_rows_bit_for_bit_the_same()
    {
        var fitted = Preprocessor.Fit(Table, Spec);
        var reloaded = FittedPreprocessor.FromJson(fitted.ToJson());
        Assert.True(reloaded.SameStateAs(fitted));
        Assert.Equal(fitted.Transform(Table), reloaded.Transform(Table));
    }

    [Fact]
    [Goal("1.6-2")]
    public void Another_format_version_bad_json_and_an_invalid_column_name_the_field()
    {
        var json = Preprocessor.Fit(Table, Spec).ToJson();
        Assert.Equal("$.format", Assert.Throws<PreprocessorFormatException>(() => FittedPreprocessor.FromJson(json.Replace("\"format\": 1", "\"format\": 2"))).Field);
        Assert.Throws<PreprocessorFormatException>(() => FittedPreprocessor.FromJson("{ not json"));
        var zeroScale = json.Replace("\"scale\": 1.", "\"scale\": 0, \"was\": 1.");
        var e = Assert.Throws<PreprocessorFormatException>(() => FittedPreprocessor.FromJson(zeroScale));
        Assert.StartsWith("$.pipeline.columns[2]", e.Field, StringComparison.Ordinal);
    }
}
