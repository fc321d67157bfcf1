namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>
/// BFGS: a quasi-Newton method that keeps an approximation H of the inverse Hessian, steps along −H∇f with a
/// backtracking line search, and corrects H from each step s and change of gradient y so that H y = s (the secant
/// condition) while staying symmetric positive definite.
/// </summary>
public static class Bfgs
{
    /// <summary>Sufficient decrease: f(x + αp) ≤ f(x) + c₁·α·∇fᵀp.</summary>
    public const double Armijo = 1e-4;

    public static OptimizationResult Minimize(Func<double[], double> f, Func<double[], double[]> gradient, double[] start,
        OptimizerOptions? options = null, OptimizationBug bug = OptimizationBug.None)
    {
        options ??= new OptimizerOptions();
        var n = start.Length;
        var evaluations = 0;
        double F(double[] x)
        {
            evaluations++;
            return f(x);
        }
        var x = (double[])start.Clone();
        var fx = F(x);
        var g = gradient(x);
        var h = Identity(n);
        var history = new List<double> { fx };
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            if (Norm(g) <= options.GradientTolerance) return new OptimizationResult("BFGS", x, fx, iteration, evaluations, history);
            var p = Multiply(h, g).Select(v => -v).ToArray();
            if (Dot(g, p) >= 0)
            {
                // Not a descent direction (rounding has spoiled H): restart from steepest descent.
                h = Identity(n);
                p = g.Select(v => -v).ToArray();
            }
            var alpha = LineSearch(F, x, fx, g, p);
            var s = p.Select(v => alpha * v).ToArray();
            var next = x.Zip(s, (a, b) => a + b).ToArray();
            var fNext = F(next);
            var gNext = gradient(next);
            var y = gNext.Zip(g, (a, b) => a - b).ToArray();
            if (iteration == 0 && Dot(y, y) > 0) h = Scale(Identity(n), Dot(s, y) / Dot(y, y)); // Nocedal & Wright (6.20)
            if (Dot(s, y) > 1e-16 * Norm(s) * Norm(y)) h = UpdateInverseHessian(h, s, y);
            var improvement = fx - fNext;
            (x, fx, g) = (next, fNext, gNext);
            history.Add(fx);
            if (bug == OptimizationBug.StopsOnSmallImprovement && improvement < 1e-4) return new OptimizationResult("BFGS", x, fx, iteration + 1, evaluations, history);
        }
        throw new OptimizationDidNotConvergeException("BFGS", options.MaxIterations, x, $"‖∇f‖ = {Norm(g):G3} (tolerance {options.GradientTolerance:G3})");
    }

    /// <summary>H⁺ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(yᵀs).</summary>
    internal static double[,] UpdateInverseHessian(double[,] h, double[] s, double[] y)
    {
        #region Exercise 1.5-4b: the BFGS update of the inverse Hessian, so that the new H maps y to s (tests: BfgsTests.Update*)
        var n = s.Length;
        var rho = 1.0 / Dot(y, s);
        var hy = Multiply(h, y);
        var yhy = Dot(y, hy);
        // Expanded: H − ρ(s (Hy)ᵀ + (Hy) sᵀ) + (ρ² yᵀHy + ρ) s sᵀ, using the symmetry of H.
        var next = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            next[i, j] = h[i, j] - rho * (s[i] * hy[j] + hy[i] * s[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        return next;
        #endregion
    }

    /// <summary>Backtracking: α = 1, ½, ¼ … until the Armijo condition holds.</summary>
    internal static double LineSearch(Func<double[], double> f, double[] x, double fx, double[] g, double[] p)
    {
        #region Exercise 1.5-4c: a backtracking line search that halves the step until f falls by at least c1 times the predicted decrease (tests: BfgsTests.Line*)
        var slope = Dot(g, p);
        var alpha = 1.0;
        for (var halvings = 0; halvings < 60; halvings++)
        {
            var trial = x.Zip(p, (a, b) => a + alpha * b).ToArray();
            if (f(trial) <= fx + Armijo * alpha * slope) return alpha;
            alpha *= 0.5;
        }
        return alpha;
        #endregion
    }

    internal static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    internal static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    internal static double[] Multiply(double[,] m, double[] v)
    {
        var r = new double[v.Length];
        for (var i = 0; i < v.Length; i++)
        for (var j = 0; j < v.Length; j++)
            r[i] += m[i, j] * v[j];
        return r;
    }

    private static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (var i = 0; i < n; i++) m[i, i] = 1;
        return m;
    }

    private static double[,] Scale(double[,] m, double factor)
    {
        var r = (double[,])m.Clone();
        for (var i = 0; i < r.GetLength(0); i++)
        for (var j = 0; j < r.GetLength(1); j++)
            r[i, j] *= factor;
        return r;
    }
}
