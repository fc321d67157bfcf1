namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>aₙ = Σ c·nᵏ·rⁿ, exact for every n ≥ 0.</summary>
public sealed record ClosedForm(IReadOnlyList<ClosedFormTerm> Terms)
{
    public Rational Evaluate(int n)
    {
        var value = Rational.Zero;
        foreach (var t in Terms) value += t.Coefficient * Rational.Pow(n, t.PowerOfN) * t.Base.Pow(n);
        return value;
    }

    public override string ToString()
    {
        var parts = Terms.Where(t => !t.Coefficient.IsZero).Select(t =>
        {
            var factors = new List<string>();
            if (t.Coefficient != Rational.One || (t.PowerOfN == 0 && t.Base == Rational.One)) factors.Add(Wrap(t.Coefficient));
            if (t.PowerOfN == 1) factors.Add("n");
            else if (t.PowerOfN > 1) factors.Add($"n^{t.PowerOfN}");
            if (t.Base != Rational.One) factors.Add($"{Wrap(t.Base)}^n");
            return string.Join("·", factors);
        }).ToList();
        return parts.Count == 0 ? "0" : string.Join(" + ", parts);
    }

    private static string Wrap(Rational r) => r.IsInteger && r.Numerator.Sign >= 0 ? r.ToString() : $"({r})";
}
