namespace StatelessMind.Labs.NumericalMethods.Hypothesis;

/// <summary>The outcome of a hypothesis test: its statistic, the degrees of freedom of its reference distribution
/// (NaN where it has none, as for an exact Mann–Whitney test) and the two-sided p-value (one-sided for chi-square,
/// whose large values alone speak against the null).</summary>
public sealed record TestResult(string Test, double Statistic, double DegreesOfFreedom, double PValue, string Distribution);
