namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>Minimise f subject to hᵢ(x) = 0 and gⱼ(x) ≤ 0, every function given as text over <paramref name="Variables"/>.</summary>
public sealed record ConstrainedProblem(string Name, string Objective, IReadOnlyList<string> Variables, IReadOnlyList<string> Equalities, IReadOnlyList<string> Inequalities);
