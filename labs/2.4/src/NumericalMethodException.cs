namespace StatelessMind.Labs.NumericalMethods;

/// <summary>A numerical method could not give an answer for this input: the derived type says why (no convergence,
/// divergence, a zero derivative, a cycle, a zero pivot, a degenerate sample, an infeasible problem) and carries the
/// numbers that show it.</summary>
public abstract class NumericalMethodException(string message) : Exception(message)
{
}
