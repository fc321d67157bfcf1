using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class ClassicFormulaTests
{
    [Fact]
    public void Idf_is_one_plus_the_log_of_n_over_df_plus_one()
    {
        Assert.Equal(1 + Math.Log(100 / 10.0), TfIdfRanker.Idf(9, 100), 12);
        Assert.Equal(1 + Math.Log(5.0), TfIdfRanker.Idf(0, 5), 12);
    }

    [Fact]
    public void The_length_norm_is_rounded_to_lucenes_one_byte_float()
    {
        Assert.Equal(1f, LengthNorm.Of(1));
        Assert.Equal(0.5f, LengthNorm.Of(4));
        // 1/√3 = 0.577 is stored as 0.5 (3-bit mantissa), 1/√2 = 0.707 as 0.625.
        Assert.Equal(0.5f, LengthNorm.Of(3));
        Assert.Equal(0.625f, LengthNorm.Of(2));
        Assert.Equal(0f, LengthNorm.Of(0));
        for (var b = 1; b < 256; b++) Assert.Equal((byte)b, LengthNorm.Encode(LengthNorm.Decode((byte)b)));
    }
}
