namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>When a minimiser stops.</summary>
/// <param name="GradientTolerance">BFGS: converged once ‖∇f‖ ≤ this.</param>
/// <param name="ValueTolerance">Nelder–Mead: converged once the simplex's values span at most this.</param>
/// <param name="PointTolerance">Nelder–Mead: … and its vertices lie within this of the best one.</param>
/// <param name="MaxIterations">Beyond this, <see cref="OptimizationDidNotConvergeException"/>.</param>
public sealed record OptimizerOptions(double GradientTolerance = 1e-9, double ValueTolerance = 1e-14, double PointTolerance = 1e-8, int MaxIterations = 5000);
