namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>One term c·nᵏ·rⁿ of a closed form.</summary>
public sealed record ClosedFormTerm(Rational Coefficient, int PowerOfN, Rational Base);
