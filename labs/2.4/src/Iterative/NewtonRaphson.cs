namespace StatelessMind.Labs.NumericalMethods.Iterative;

/// <summary>
/// Newton–Raphson for f(x) = 0: follow the tangent, x ← x − f(x)/f'(x). Near a simple root the error squares each step
/// (order 2: e_{k+1} ≈ C·e_k², C = f''/(2f')); at a multiple root it only halves (order 1); from a bad start it can
/// hit a flat tangent, cycle, or run away. Each of those ends in a typed error instead of a wrong answer:
/// <see cref="ZeroDerivativeException"/>, <see cref="CyclingException"/>, <see cref="DivergenceException"/>,
/// <see cref="NonConvergenceException"/>.
/// </summary>
public sealed class NewtonRaphson(double tolerance = 1e-15, int maxIterations = 100, IterationBug bug = IterationBug.None)
{
    /// <summary>The root and every iterate from the start to it.</summary>
    public sealed record Result(double Root, int Iterations, IReadOnlyList<double> Iterates);

    public Result FindRoot(Func<double, double> f, Func<double, double> derivative, double start)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(derivative);
        var slope = bug == IterationBug.FrozenDerivative ? (_ => derivative(start)) : derivative;
        return Iterate(f, slope, start);
    }

    /// <summary>The iteration: stop when f(x) = 0 or the step is below tolerance·max(1, |x|); refuse a zero derivative;
    /// detect a return to an earlier iterate (a cycle) and a run-away iterate (non-finite, or |x| &gt; 1e12·max(1, |x₀|)).</summary>
    internal Result Iterate(Func<double, double> f, Func<double, double> slope, double start)
    {
        #region Exercise 2.4-3b: the Newton iteration with its failure cases, flat tangent, cycle, run-away (tests: NewtonRaphsonTests)
        var iterates = new List<double> { start };
        var x = start;
        for (var k = 1; k <= maxIterations; k++)
        {
            var fx = f(x);
            if (fx == 0) return new Result(x, k - 1, iterates);
            var d = slope(x);
            if (d == 0 || !double.IsFinite(d)) throw new ZeroDerivativeException(x, fx, k);
            var next = x - fx / d;
            if (!double.IsFinite(next) || Math.Abs(next) > 1e12 * Math.Max(1, Math.Abs(start)))
                throw new DivergenceException("Newton–Raphson", k, Math.Abs(fx), $"the iterate ran away to {next:G4}");
            iterates.Add(next);
            if (Math.Abs(next - x) <= tolerance * Math.Max(1, Math.Abs(x))) return new Result(next, k, iterates);
            // Back at exactly an earlier point (not the one just left): the same steps will repeat forever.
            var earlier = iterates.FindIndex(0, iterates.Count - 2, v => v == next);
            if (earlier >= 0) throw new CyclingException(iterates.GetRange(earlier, iterates.Count - 1 - earlier), k);
            x = next;
        }
        throw new NonConvergenceException("Newton–Raphson", maxIterations, Math.Abs(f(x)), tolerance);
        #endregion
    }

    /// <summary>
    /// The measured order of convergence from the errors e_k = |x_k − root|: q = ln(e_{k+1}/e_k) / ln(e_k/e_{k−1}),
    /// taken at the last triple whose errors are all above <paramref name="floor"/> (below it, rounding dominates).
    /// NaN when fewer than three such errors exist.
    /// </summary>
    public static double MeasuredOrder(IReadOnlyList<double> iterates, double root, double floor = 1e-13)
    {
        ArgumentNullException.ThrowIfNull(iterates);
        #region Exercise 2.4-3c: the measured order of convergence from three successive errors (tests: NewtonRaphsonTests)
        var errors = iterates.Select(x => Math.Abs(x - root)).TakeWhile(e => e > floor * Math.Max(1, Math.Abs(root))).ToList();
        if (errors.Count < 3) return double.NaN;
        var (e0, e1, e2) = (errors[^3], errors[^2], errors[^1]);
        return Math.Log(e2 / e1) / Math.Log(e1 / e0);
        #endregion
    }
}
