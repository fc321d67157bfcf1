namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>A root of a polynomial and how many times (x − root) divides it.</summary>
public sealed record RationalRoot(Rational Value, int Multiplicity);
