using StatelessMind.Labs.DiscreteMath.Recurrences;

namespace StatelessMind.Labs.DiscreteMath.Tests.Recurrences;

[Goal("4.4-3")]
public sealed class RationalRootsTests
{
    private static Polynomial P(params long[] lowestFirst) => new(lowestFirst.Select(c => (Rational)c));

    [Fact]
    public void Distinct_integer_roots_are_found()
    {
        // x² − 5x + 6 = (x − 2)(x − 3)
        var (roots, rest) = RationalRoots.Find(P(6, -5, 1));
        Assert.Equal([new RationalRoot(2, 1), new RationalRoot(3, 1)], roots);
        Assert.Equal(0, rest.Degree);
    }

    [Fact]
    public void Repeated_roots_carry_their_multiplicity()
    {
        // (x − 1)³ (x + 2)² = x⁵ + x⁴ − 5x³ − x² + 8x − 4
        var (roots, _) = RationalRoots.Find(P(-4, 8, -1, -5, 1, 1));
        Assert.Equal([new RationalRoot(-2, 2), new RationalRoot(1, 3)], roots);
    }

    [Fact]
    public void Fractional_roots_come_from_divisors_of_the_leading_coefficient()
    {
        // 6x² − 5x + 1 = (2x − 1)(3x − 1), and the same with rational coefficients x² − 5/6 x + 1/6
        Assert.Equal([new RationalRoot(Rational.Create(1, 3), 1), new RationalRoot(Rational.Create(1, 2), 1)], RationalRoots.Find(P(1, -5, 6)).Roots);
        var monic = new Polynomial([Rational.Create(1, 6), Rational.Create(-5, 6), 1]);
        Assert.Equal(2, RationalRoots.Find(monic).Roots.Count);
    }

    [Fact]
    public void Irrational_roots_are_left_in_the_remaining_factor()
    {
        // (x − 2)(x² − x − 1): 2 is found, the golden-ratio factor stays
        var (roots, rest) = RationalRoots.Find(P(2, 1, -3, 1));
        Assert.Equal([new RationalRoot(2, 1)], roots);
        Assert.Equal(2, rest.Degree);
    }

    [Fact]
    public void The_candidates_are_the_divisor_ratios()
    {
        Assert.Equal([1, 2, 3, 6], RationalRoots.Divisors(-6).Select(d => (int)d));
        Assert.Equal(8, RationalRoots.Candidates(6, 1).Count());
    }
}
