using System.Globalization;
using System.Numerics;

namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>An exact rational number p/q in lowest terms with q &gt; 0.</summary>
public readonly record struct Rational
{
    private Rational(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }

    /// <summary>Always positive; 1 for integers (including zero).</summary>
    public BigInteger Denominator { get; }

    public static Rational Zero => new(0, 1);
    public static Rational One => new(1, 1);

    public bool IsZero => Numerator.IsZero;
    public bool IsInteger => Denominator.IsOne;

    /// <summary>p/q reduced to lowest terms, the sign carried by the numerator.</summary>
    public static Rational Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException($"the rational {numerator}/0 has a zero denominator");
        #region Exercise 4.4-3a: normalise a fraction - divide by the gcd, move the sign to the numerator (tests: RationalTests.A_fraction*, RationalTests.Arithmetic*, RationalTests.Equal*)
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (gcd.IsZero) gcd = BigInteger.One;
        if (denominator.Sign < 0) gcd = -gcd;
        return new Rational(numerator / gcd, denominator / gcd);
        #endregion
    }

    public static implicit operator Rational(long value) => new(value, 1);
    public static implicit operator Rational(BigInteger value) => new(value, 1);

    public static Rational operator +(Rational a, Rational b) => Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Rational operator -(Rational a, Rational b) => Create(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);
    public static Rational operator *(Rational a, Rational b) => Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    public static Rational operator /(Rational a, Rational b) => Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>aⁿ for n ≥ 0 (0⁰ = 1).</summary>
    public Rational Pow(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "a non-negative exponent");
        return new Rational(BigInteger.Pow(Numerator, n), BigInteger.Pow(Denominator, n));
    }

    public static Rational Pow(long value, int n) => ((Rational)value).Pow(n);

    public double ToDouble() => Math.Exp(BigInteger.Log(BigInteger.Abs(Numerator)) - BigInteger.Log(Denominator)) * Numerator.Sign;

    public override string ToString() =>
        IsInteger ? Numerator.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
