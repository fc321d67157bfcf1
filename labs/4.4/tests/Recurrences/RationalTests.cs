using StatelessMind.Labs.DiscreteMath.Recurrences;

namespace StatelessMind.Labs.DiscreteMath.Tests.Recurrences;

[Goal("4.4-3")]
public sealed class RationalTests
{
    [Fact]
    public void A_fraction_is_kept_in_lowest_terms_with_a_positive_denominator()
    {
        var r = Rational.Create(6, -4);
        Assert.Equal(-3, r.Numerator);
        Assert.Equal(2, r.Denominator);
        Assert.Equal(Rational.Zero, Rational.Create(0, -7));
        Assert.Equal(1, Rational.Create(0, -7).Denominator);
    }

    [Fact]
    public void Arithmetic_is_exact()
    {
        Assert.Equal(Rational.Create(5, 6), Rational.Create(1, 2) + Rational.Create(1, 3));
        Assert.Equal(Rational.One, Rational.Create(2, 3) * Rational.Create(3, 2));
        Assert.Equal(Rational.Create(1, 1024), Rational.Create(1, 2).Pow(10));
        // 0.1 + 0.2 is not 0.3 in binary floating point; here it is.
        Assert.Equal(Rational.Create(3, 10), Rational.Create(1, 10) + Rational.Create(2, 10));
    }

    [Fact]
    public void Equal_values_are_equal_whatever_they_were_built_from()
    {
        Assert.Equal(Rational.Create(-1, 3), Rational.Create(2, -6));
        Assert.Equal(Rational.Create(4, 2).GetHashCode(), ((Rational)2).GetHashCode());
    }

    [Fact]
    public void A_zero_denominator_is_refused()
    {
        Assert.Throws<DivideByZeroException>(() => Rational.Create(1, 0));
        Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);
    }
}
