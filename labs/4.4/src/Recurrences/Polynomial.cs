using System.Numerics;

namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>A polynomial with rational coefficients, lowest degree first: Coefficients[i] multiplies xⁱ. No trailing zeros.</summary>
public sealed class Polynomial
{
    public Polynomial(IEnumerable<Rational> coefficients)
    {
        var list = coefficients.ToList();
        while (list.Count > 0 && list[^1].IsZero) list.RemoveAt(list.Count - 1);
        Coefficients = list;
    }

    public IReadOnlyList<Rational> Coefficients { get; }

    /// <summary>−1 for the zero polynomial.</summary>
    public int Degree => Coefficients.Count - 1;

    public Rational Evaluate(Rational x)
    {
        var value = Rational.Zero;
        for (var i = Coefficients.Count - 1; i >= 0; i--) value = value * x + Coefficients[i];
        return value;
    }

    /// <summary>Synthetic division by (x − r): the quotient and the remainder p(r).</summary>
    public (Polynomial Quotient, Rational Remainder) DivideByRoot(Rational r)
    {
        if (Degree < 1) return (new Polynomial([]), Degree < 0 ? Rational.Zero : Coefficients[0]);
        var quotient = new Rational[Degree];
        var carry = Rational.Zero;
        for (var i = Degree; i >= 1; i--)
        {
            carry = carry * r + Coefficients[i];
            quotient[i - 1] = carry;
        }
        return (new Polynomial(quotient), carry * r + Coefficients[0]);
    }

    /// <summary>The same roots with integer coefficients: multiplied by the lcm of the denominators and divided by the
    /// gcd of the numerators.</summary>
    public BigInteger[] ToPrimitiveIntegers()
    {
        var lcm = Coefficients.Aggregate(BigInteger.One, (l, c) => l / BigInteger.GreatestCommonDivisor(l, c.Denominator) * c.Denominator);
        var integers = Coefficients.Select(c => c.Numerator * (lcm / c.Denominator)).ToArray();
        var gcd = integers.Aggregate(BigInteger.Zero, BigInteger.GreatestCommonDivisor);
        return gcd.IsZero ? integers : integers.Select(c => c / gcd).ToArray();
    }

    public override string ToString()
    {
        if (Degree < 0) return "0";
        var terms = new List<string>();
        for (var i = Degree; i >= 0; i--)
        {
            var c = Coefficients[i];
            if (c.IsZero) continue;
            var power = i switch { 0 => "", 1 => "x", _ => $"x^{i}" };
            var magnitude = c.Numerator.Sign < 0 ? -c : c;
            var text = i > 0 && magnitude == Rational.One ? power : i == 0 ? magnitude.ToString() : $"{magnitude}{power}";
            terms.Add((c.Numerator.Sign < 0 ? "− " : terms.Count == 0 ? "" : "+ ") + text);
        }
        return string.Join(" ", terms);
    }
}
