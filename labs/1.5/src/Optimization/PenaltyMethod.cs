namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>
/// The quadratic penalty method: minimise P_μ(x) = f(x) + μ/2·(Σ hᵢ(x)² + Σ max(0, gⱼ(x))²) with BFGS for μ = 1, 10,
/// 100 … each from the previous answer. As μ grows the minimiser approaches the constrained one, violating the
/// constraints by about λ/μ, so μ·hᵢ(x) estimates the Lagrange multiplier λᵢ. If the violation stops shrinking no
/// point satisfies the constraints, and <see cref="InfeasibleProblemException"/> says so.
/// </summary>
public static class PenaltyMethod
{
    public const double FinalMu = 1e8;

    /// <summary>A violation larger than this at the last μ means the constraints cannot all hold.</summary>
    public const double FeasibilityTolerance = 1e-5;

    public static ConstrainedSolution Solve(ConstrainedProblem problem, double[] start)
    {
        var f = new SymbolicObjective(problem.Objective, problem.Variables);
        var h = problem.Equalities.Select(t => new SymbolicObjective(t, problem.Variables)).ToArray();
        var g = problem.Inequalities.Select(t => new SymbolicObjective(t, problem.Variables)).ToArray();
        var path = new List<(double, double)>();
        var x = (double[])start.Clone();
        for (var mu = 1.0; mu <= FinalMu; mu *= 10)
        {
            x = MinimizePenalized(f, h, g, mu, x);
            path.Add((mu, Violation(h, g, x)));
        }
        var violation = Violation(h, g, x);
        if (violation > FeasibilityTolerance)
            throw new InfeasibleProblemException(problem.Name,
                $"after μ = {FinalMu:G1} the constraints are still violated by {violation:G3} (the violation by μ: {string.Join(", ", path.Select(p => $"{p.Item1:G1} → {p.Item2:G2}"))}); no point satisfies them all.");
        var lambda = h.Select(c => FinalMu * c.Value(x)).ToArray();
        var nu = g.Select(c => FinalMu * Math.Max(0, c.Value(x))).ToArray();
        var lagrangian = f.Gradient(x);
        for (var i = 0; i < h.Length; i++) AddScaled(lagrangian, h[i].Gradient(x), lambda[i]);
        for (var j = 0; j < g.Length; j++) AddScaled(lagrangian, g[j].Gradient(x), nu[j]);
        return new ConstrainedSolution(x, f.Value(x), lambda, nu, violation, Bfgs.Norm(lagrangian), path);
    }

    /// <summary>The minimiser of P_μ from a start point.</summary>
    internal static double[] MinimizePenalized(SymbolicObjective f, SymbolicObjective[] h, SymbolicObjective[] g, double mu, double[] start)
    {
        #region Exercise 1.5-4d: the penalized function P_mu and its gradient, minimised by BFGS from the previous answer (tests: PenaltyMethodTests)
        double Value(double[] x) =>
            f.Value(x) + mu / 2 * (h.Sum(c => Math.Pow(c.Value(x), 2)) + g.Sum(c => Math.Pow(Math.Max(0, c.Value(x)), 2)));
        double[] Gradient(double[] x)
        {
            // ∇(μ/2·h²) = μ·h·∇h; the inequality terms only while violated.
            var grad = f.Gradient(x);
            foreach (var c in h) AddScaled(grad, c.Gradient(x), mu * c.Value(x));
            foreach (var c in g) AddScaled(grad, c.Gradient(x), mu * Math.Max(0, c.Value(x)));
            return grad;
        }
        // The penalty's curvature grows with μ: a tolerance relative to μ keeps the inner problems solvable.
        return Bfgs.Minimize(Value, Gradient, start, new OptimizerOptions(GradientTolerance: 1e-10 * Math.Max(1, mu), MaxIterations: 20_000)).Point;
        #endregion
    }

    private static double Violation(SymbolicObjective[] h, SymbolicObjective[] g, double[] x) =>
        h.Select(c => Math.Abs(c.Value(x))).Concat(g.Select(c => Math.Max(0, c.Value(x)))).DefaultIfEmpty(0).Max();

    private static void AddScaled(double[] target, double[] v, double factor)
    {
        for (var i = 0; i < target.Length; i++) target[i] += factor * v[i];
    }
}
