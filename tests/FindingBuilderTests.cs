namespace StatelessMind.Tests;

/// <summary>A finding's verdict and the end of its summary come from its checks, never from the experiment's prose.</summary>
public sealed class FindingBuilderTests
{
    [Fact]
    public void One_failed_check_makes_the_verdict_fail_and_the_summary_names_it()
    {
        var finding = new FindingBuilder("1.4-2", "t")
            .Check(true, "no contradiction in 3NF")
            .Check(false, "the denormalised table rewrites 1 row per rename (measured 12)")
            .Check(true, "3NF stores a product without an order")
            .Build("500 renames on both forms");
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Equal("500 renames on both forms. 1 of 3 checks failed: the denormalised table rewrites 1 row per rename (measured 12).", finding.Summary);
        Assert.Contains("✘ the denormalised table rewrites 1 row per rename (measured 12)", finding.Notes);
    }

    [Fact]
    public void All_checks_holding_pass_and_say_how_many()
    {
        var finding = new FindingBuilder("1.4-2", "t").Check(true, "a").Check(true, "b").Build("Measured x");
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal("Measured x. All 2 checks held.", finding.Summary);
    }

    [Fact]
    public void A_finding_with_no_check_is_inconclusive()
    {
        var finding = new FindingBuilder("1.4-2", "t").Figure("x", 1, "ms").Build("Measured x");
        Assert.Equal(Verdict.Inconclusive, finding.Verdict);
        Assert.Contains("No check was recorded", finding.Summary);
    }

    [Fact]
    public void An_unmeasured_required_part_is_inconclusive_even_when_the_checks_hold()
    {
        var finding = new FindingBuilder("4.5-1", "t").Check(true, "a").Unmeasured("cachegrind", "valgrind is missing").Build("Half");
        Assert.Equal(Verdict.Inconclusive, finding.Verdict);
        Assert.EndsWith("Not measured: cachegrind: valgrind is missing.", finding.Summary);
    }

    [Fact]
    public void An_excused_optional_part_still_passes_and_is_listed()
    {
        var finding = new FindingBuilder("4.1-2", "t").Check(true, "a").Excused("MongoDB", "MONGODB_URI is not set").Build("Redis only");
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(["MongoDB: MONGODB_URI is not set"], finding.Excused);
        Assert.EndsWith("Not exercised here (optional): MongoDB: MONGODB_URI is not set.", finding.Summary);
    }

    [Theory]
    [InlineData(1.2e-8, "1.2E-8")]
    [InlineData(-7.04e-5, "-7.04E-5")]
    [InlineData(0.0004, "4E-4")]
    [InlineData(0.0012, "0.001")]
    [InlineData(0.5, "0.5")]
    [InlineData(0, "0")]
    [InlineData(12.34, "12.3")]
    [InlineData(1234.4, "1,234")]
    public void A_figure_keeps_a_significant_digit_however_small_it_is(double value, string shown) =>
        Assert.Equal(shown, Figure.FormatValue(value));
}
