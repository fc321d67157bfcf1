namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>
/// The Nelder–Mead simplex: n + 1 points in ℝⁿ, the worst reflected through the centroid of the others, then expanded,
/// contracted or the whole simplex shrunk towards the best. It needs values only, no derivatives.
/// </summary>
public static class NelderMead
{
    public static OptimizationResult Minimize(Func<double[], double> f, double[] start, OptimizerOptions? options = null)
    {
        options ??= new OptimizerOptions();
        var n = start.Length;
        var evaluations = 0;
        double F(double[] x)
        {
            evaluations++;
            return f(x);
        }
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        for (var i = 0; i < n; i++)
        {
            simplex[i + 1] = (double[])start.Clone();
            simplex[i + 1][i] += 0.05 * Math.Max(1, Math.Abs(start[i]));
        }
        for (var i = 0; i <= n; i++) values[i] = F(simplex[i]);
        var history = new List<double>();
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
            simplex = order.Select(i => simplex[i]).ToArray();
            values = order.Select(i => values[i]).ToArray();
            history.Add(values[0]);
            var spread = simplex.Skip(1).Max(v => v.Zip(simplex[0], (a, b) => Math.Abs(a - b)).Max());
            if (values[n] - values[0] <= options.ValueTolerance && spread <= options.PointTolerance)
                return new OptimizationResult("Nelder–Mead", simplex[0], values[0], iteration, evaluations, history);
            Step(simplex, values, F);
        }
        throw new OptimizationDidNotConvergeException("Nelder–Mead", options.MaxIterations, simplex[0],
            $"values spanning {values.Max() - values.Min():G3} (tolerance {options.ValueTolerance:G3})");
    }

    /// <summary>One iteration on a simplex sorted best first: replaces the worst vertex, or shrinks everything to the best.</summary>
    internal static void Step(double[][] simplex, double[] values, Func<double[], double> f)
    {
        #region Exercise 1.5-4a: one Nelder-Mead iteration - reflect the worst vertex through the centroid, then expand, contract or shrink (tests: NelderMeadTests)
        var n = simplex.Length - 1;
        var centroid = new double[n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            centroid[j] += simplex[i][j] / n;
        double[] Toward(double t) => centroid.Select((c, j) => c + t * (simplex[n][j] - c)).ToArray();
        var reflected = Toward(-1);
        var fr = f(reflected);
        if (fr < values[0])
        {
            var expanded = Toward(-2);
            var fe = f(expanded);
            (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            return;
        }
        if (fr < values[n - 1])
        {
            (simplex[n], values[n]) = (reflected, fr);
            return;
        }
        // Contract: outside when the reflection beat the worst, inside otherwise.
        var contracted = fr < values[n] ? Toward(-0.5) : Toward(0.5);
        var fc = f(contracted);
        if (fc < Math.Min(fr, values[n]))
        {
            (simplex[n], values[n]) = (contracted, fc);
            return;
        }
        for (var i = 1; i <= n; i++)
        {
            simplex[i] = simplex[i].Select((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j])).ToArray();
            values[i] = f(simplex[i]);
        }
        #endregion
    }
}
