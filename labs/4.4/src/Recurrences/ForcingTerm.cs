namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>A non-homogeneous term p(n)·sⁿ: a polynomial in n (lowest degree first) times an exponential with a
/// non-zero rational base (s = 1 for a plain polynomial).</summary>
public sealed record ForcingTerm(IReadOnlyList<Rational> Polynomial, Rational Base)
{
    public int Degree => new Polynomial(Polynomial).Degree;

    public Rational Evaluate(int n)
    {
        var value = Rational.Zero;
        for (var i = Polynomial.Count - 1; i >= 0; i--) value = value * n + Polynomial[i];
        return value * Base.Pow(n);
    }
}
