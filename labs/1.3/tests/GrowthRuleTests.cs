namespace StatelessMind.Labs.Programming.Tests;

/// <summary>1.3-4c on its own: the amortised bound f/(f − 1) of a growth rule.</summary>
public sealed class GrowthRuleTests
{
    [Theory]
    [Goal("1.3-4")]
    [InlineData(2.0, 2.0)]
    [InlineData(1.5, 3.0)]
    [InlineData(1.25, 5.0)]
    [InlineData(3.0, 1.5)]
    public void The_bound_on_copies_per_push_is_f_over_f_minus_one(double factor, double bound) =>
        Assert.Equal(bound, GrowthRule.Geometric(factor).CopiesPerPushBound, 12);

    [Fact]
    [Goal("1.3-4")]
    public void Additive_growth_has_no_constant_bound() =>
        Assert.Equal(double.PositiveInfinity, GrowthRule.Additive(1024).CopiesPerPushBound);
}
