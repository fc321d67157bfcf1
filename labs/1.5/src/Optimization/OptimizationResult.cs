namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>Where a minimiser stopped, how it got there, and the value of f after each iteration (for the convergence plot).</summary>
public sealed record OptimizationResult(string Method, double[] Point, double Value, int Iterations, int Evaluations, IReadOnlyList<double> History);
