using System.Numerics;

namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>
/// The rational roots of a polynomial with rational coefficients, with multiplicities. By the rational root theorem a
/// root p/q in lowest terms of a primitive integer polynomial aₖxᵏ + … + a₀ (a₀ ≠ 0) has p dividing a₀ and q dividing
/// aₖ: there are finitely many candidates. Each candidate that is a root is divided out as often as it divides.
/// </summary>
public static class RationalRoots
{
    /// <summary>The roots found (by increasing value) and the factor left over (degree 0 when every root is rational).</summary>
    public static (IReadOnlyList<RationalRoot> Roots, Polynomial Remaining) Find(Polynomial polynomial)
    {
        if (polynomial.Degree < 1) return ([], polynomial);
        var roots = new List<RationalRoot>();
        var rest = polynomial;
        // x = 0 first: it divides while the constant term is zero.
        var zeros = 0;
        while (rest.Degree >= 1 && rest.Coefficients[0].IsZero)
        {
            rest = rest.DivideByRoot(Rational.Zero).Quotient;
            zeros++;
        }
        if (zeros > 0) roots.Add(new RationalRoot(Rational.Zero, zeros));
        if (rest.Degree < 1) return (roots, rest);
        var integers = rest.ToPrimitiveIntegers();
        foreach (var candidate in Candidates(integers[0], integers[^1]))
        {
            #region Exercise 4.4-3b: divide out a candidate root as many times as it divides, counting its multiplicity (tests: RationalRootsTests.Distinct*, RationalRootsTests.Repeated*, RationalRootsTests.Fractional*, RationalRootsTests.Irrational*)
            var multiplicity = 0;
            while (rest.Degree >= 1)
            {
                var (quotient, remainder) = rest.DivideByRoot(candidate);
                if (!remainder.IsZero) break;
                rest = quotient;
                multiplicity++;
            }
            if (multiplicity > 0) roots.Add(new RationalRoot(candidate, multiplicity));
            #endregion
        }
        return (roots.OrderBy(r => r.Value.ToDouble()).ToList(), rest);
    }

    /// <summary>±p/q for every divisor p of the constant term and q of the leading one, each once.</summary>
    public static IEnumerable<Rational> Candidates(BigInteger constant, BigInteger leading)
    {
        var seen = new HashSet<Rational>();
        foreach (var p in Divisors(constant))
        foreach (var q in Divisors(leading))
        foreach (var sign in new[] { 1, -1 })
        {
            var candidate = Rational.Create(sign * p, q);
            if (seen.Add(candidate)) yield return candidate;
        }
    }

    /// <summary>The positive divisors of |n| (n ≠ 0), by trial division up to √|n|.</summary>
    public static IEnumerable<BigInteger> Divisors(BigInteger n)
    {
        n = BigInteger.Abs(n);
        if (n.IsZero) throw new ArgumentOutOfRangeException(nameof(n), "zero has every integer as a divisor");
        var small = new List<BigInteger>();
        var large = new List<BigInteger>();
        for (BigInteger d = 1; d * d <= n; d++)
        {
            if (!(n % d).IsZero) continue;
            small.Add(d);
            if (d * d != n) large.Add(n / d);
        }
        large.Reverse();
        return small.Concat(large);
    }
}
