namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>
/// aₙ = c₁aₙ₋₁ + c₂aₙ₋₂ + … + cₖaₙ₋ₖ + Σ pⱼ(n)·sⱼⁿ for n ≥ k, with a₀ … aₖ₋₁ given: a linear recurrence of order k
/// with constant rational coefficients, homogeneous when there is no forcing term.
/// </summary>
public sealed record LinearRecurrence
{
    public LinearRecurrence(string name, IReadOnlyList<Rational> coefficients, IReadOnlyList<Rational> initial, IReadOnlyList<ForcingTerm>? forcing = null)
    {
        if (coefficients.Count == 0) throw new RecurrenceDefinitionException("coefficients", "none", "at least one (order k ≥ 1)");
        if (coefficients[^1].IsZero)
            throw new RecurrenceDefinitionException("coefficients", $"c{coefficients.Count} = 0", $"a non-zero last coefficient (otherwise the order is below {coefficients.Count})");
        if (initial.Count != coefficients.Count)
            throw new RecurrenceDefinitionException("initial values", $"{initial.Count} given", $"{coefficients.Count}, one per order");
        forcing ??= [];
        foreach (var term in forcing)
            if (term.Base.IsZero) throw new RecurrenceDefinitionException("forcing", "a term with base 0", "a non-zero base s in p(n)·s^n");
        Name = name;
        Coefficients = coefficients;
        Initial = initial;
        Forcing = forcing;
    }

    public string Name { get; }
    public IReadOnlyList<Rational> Coefficients { get; }
    public IReadOnlyList<Rational> Initial { get; }
    public IReadOnlyList<ForcingTerm> Forcing { get; }

    public int Order => Coefficients.Count;

    /// <summary>xᵏ − c₁xᵏ⁻¹ − … − cₖ: aₙ = rⁿ solves the homogeneous recurrence exactly when r is a root.</summary>
    public Polynomial CharacteristicPolynomial() =>
        new(Coefficients.Reverse().Select(c => -c).Append(Rational.One));

    /// <summary>a₀ … a_{count − 1} by the recurrence itself, exactly.</summary>
    public IReadOnlyList<Rational> Iterate(int count)
    {
        var terms = new List<Rational>(Initial.Take(count));
        for (var n = terms.Count; n < count; n++)
        {
            var value = Rational.Zero;
            for (var i = 1; i <= Order; i++) value += Coefficients[i - 1] * terms[n - i];
            foreach (var term in Forcing) value += term.Evaluate(n);
            terms.Add(value);
        }
        return terms;
    }
}
