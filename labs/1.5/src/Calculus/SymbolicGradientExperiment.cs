using System.Globalization;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>
/// Goal 1.5-2: gradients, Jacobians and Hessians from the lab's symbolic engine, each partial derivative checked
/// against central differences and against the textbook's formula at random points, the Jacobian of the polar map
/// against its known determinant r, and the finite differences themselves against their theoretical error orders.
/// </summary>
/// <param name="bug">A differentiation mistake (tests only): the finite-difference checks must then fail.</param>
public sealed class SymbolicGradientExperiment(DerivativeBug bug) : IExperiment
{
    /// <summary>Central differences with h = ε^(1/3) are good to about ε^(2/3) ≈ 4e-11 relative; 1e-6 leaves room for curvature.</summary>
    public const double GradientTolerance = 1e-6;

    /// <summary>Second differences with h = ε^(1/4) are good to about ε^(1/2) ≈ 1e-8; 1e-4 leaves room for the third derivatives.</summary>
    public const double HessianTolerance = 1e-4;

    public SymbolicGradientExperiment() : this(DerivativeBug.None) { }

    public string GoalId => "1.5-2";
    public string Title => "Symbolic gradients, Jacobians and Hessians against finite differences";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var builder = new FindingBuilder(GoalId, Title);
        var points = context.Size(5, 50);
        var random = new Random(context.Seed);
        var audits = DifferentiationCase.Suite.Select(c => DerivativeAudit.Of(c, points, random, bug)).ToList();

        var worstGradient = audits.MaxBy(a => a.GradientError)!;
        var worstKnown = audits.MaxBy(a => a.KnownError)!;
        var worstHessian = audits.MaxBy(a => a.HessianError)!;
        var worstSymmetry = audits.MaxBy(a => a.AsymmetryError)!;
        builder.Check(worstGradient.GradientError <= GradientTolerance, string.Create(CultureInfo.InvariantCulture,
            $"every symbolic gradient equals central differences within {GradientTolerance:G1} relative ({audits.Count} functions × {points} points; worst {worstGradient.GradientError:G2}, {worstGradient.Case.Name})"));
        builder.Check(worstKnown.KnownError <= 1e-12, string.Create(CultureInfo.InvariantCulture,
            $"every partial derivative equals the textbook's formula within 1e-12 (worst {worstKnown.KnownError:G2}, {worstKnown.Case.Name})"));
        builder.Check(worstHessian.HessianError <= HessianTolerance, string.Create(CultureInfo.InvariantCulture,
            $"every Hessian equals second finite differences within {HessianTolerance:G1} relative (worst {worstHessian.HessianError:G2}, {worstHessian.Case.Name})"));
        builder.Check(worstSymmetry.AsymmetryError <= 1e-12, string.Create(CultureInfo.InvariantCulture,
            $"mixed partials agree in either order, ∂²f/∂x∂y = ∂²f/∂y∂x (worst {worstSymmetry.AsymmetryError:G2}, {worstSymmetry.Case.Name})"));

        var polarError = PolarJacobianError(random, points, bug);
        builder.Check(polarError <= 1e-12, string.Create(CultureInfo.InvariantCulture,
            $"the Jacobian of (r cos θ, r sin θ) has determinant r at every point (largest error {polarError:G2})"));

        var (steps, forward, central) = StepSweep();
        var forwardSlope = Slope(steps, forward, 1e-6, 1e-1);
        var centralSlope = Slope(steps, central, 1e-4, 1e-1);
        var bestCentral = steps[Array.IndexOf(central, central.Min())];
        builder.Check(Math.Abs(forwardSlope - 1) <= 0.3, string.Create(CultureInfo.InvariantCulture,
            $"the forward difference's error falls as h¹ (fitted slope {forwardSlope:0.##} for h in [1e-6, 0.1])"));
        builder.Check(Math.Abs(centralSlope - 2) <= 0.3, string.Create(CultureInfo.InvariantCulture,
            $"the central difference's error falls as h² (fitted slope {centralSlope:0.##} for h in [1e-4, 0.1])"));
        builder.Check(bestCentral is >= 1e-8 and <= 1e-3, string.Create(CultureInfo.InvariantCulture,
            $"the central difference is most accurate within a few powers of ten of ε^(1/3) ≈ 6e-6, where truncation and rounding balance (best h {bestCentral:G1})"));

        builder.Table(FindingTable.Of($"Each function of the suite at {points} random points in [0.5, 2]ⁿ (relative errors)",
            ["function", "f", "∇f vs central differences", "∂f vs textbook", "Hessian vs 2nd differences", "gradient nodes raw → simplified"],
            audits.Select(a => (IEnumerable<object?>)[a.Case.Name, a.Case.Function, a.GradientError.ToString("G2", CultureInfo.InvariantCulture),
                a.KnownError.ToString("G2", CultureInfo.InvariantCulture), a.HessianError.ToString("G2", CultureInfo.InvariantCulture), $"{a.RawSize} → {a.SimplifiedSize}"])));
        var rosenbrock = ExpressionParser.Parse(DifferentiationCase.Suite.Single(c => c.Name == "Rosenbrock").Function);
        var gradientText = VectorCalculus.Gradient(rosenbrock, ["x", "y"], bug);
        builder.Note($"∇ Rosenbrock, as the engine prints it: ({gradientText[0]}, {gradientText[1]})");
        builder.Plot(StepPlot(context, steps, forward, central));

        var rawTotal = audits.Sum(a => a.RawSize);
        var simplifiedTotal = audits.Sum(a => a.SimplifiedSize);
        return Task.FromResult(builder
            .Figure("largest gradient error vs central differences", worstGradient.GradientError, "", key: true, target: $"≤ {GradientTolerance:G1}")
            .Figure("largest Hessian error vs second differences", worstHessian.HessianError, "", key: true, target: $"≤ {HessianTolerance:G1}")
            .Figure("functions × points checked", audits.Count * points, "", key: true)
            .Figure("gradient size after simplification", 100.0 * simplifiedTotal / rawTotal, "% of raw")
            .Figure("central difference error slope", centralSlope, "", target: "2 ± 0.3")
            .Figure("best central-difference step", bestCentral, "")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"{audits.Count} functions of 1 to 3 variables differentiated symbolically and evaluated at {points} random points each: " +
                $"largest relative error {worstGradient.GradientError:G2} against central differences, {worstKnown.KnownError:G2} against the textbook's formulas, " +
                $"{worstHessian.HessianError:G2} for the Hessian; simplification left {simplifiedTotal} of {rawTotal} nodes")));
    }

    /// <summary>|det J − r| for the polar map at random points.</summary>
    internal static double PolarJacobianError(Random random, int points, DerivativeBug bug)
    {
        var map = new[] { ExpressionParser.Parse("r*cos(t)"), ExpressionParser.Parse("r*sin(t)") };
        var jacobian = VectorCalculus.Jacobian(map, ["r", "t"], bug);
        var worst = 0.0;
        for (var p = 0; p < points; p++)
        {
            var at = new Dictionary<string, double> { ["r"] = 0.5 + 2 * random.NextDouble(), ["t"] = 2 * Math.PI * random.NextDouble() };
            var j = VectorCalculus.Evaluate(jacobian, at);
            worst = Math.Max(worst, Math.Abs(j[0, 0] * j[1, 1] - j[0, 1] * j[1, 0] - at["r"]));
        }
        return worst;
    }

    /// <summary>Errors of the forward and central differences of f(x) = exp(x)·sin(x) at x = 1 for h = 10⁰ … 10⁻¹³.</summary>
    internal static (double[] Steps, double[] Forward, double[] Central) StepSweep()
    {
        var f = Evaluator.Compile(ExpressionParser.Parse("exp(x)*sin(x)"), ["x"]);
        var exact = Math.Exp(1) * (Math.Sin(1) + Math.Cos(1));
        var steps = Enumerable.Range(0, 27).Select(k => Math.Pow(10, -k / 2.0)).ToArray();
        var forward = steps.Select(h => Math.Max(1e-18, Math.Abs(FiniteDifferences.Forward(f, [1.0], 0, h) - exact))).ToArray();
        var central = steps.Select(h => Math.Max(1e-18, Math.Abs(FiniteDifferences.Central(f, [1.0], 0, h) - exact))).ToArray();
        return (steps, forward, central);
    }

    /// <summary>Least-squares slope of log error against log h over a range of h.</summary>
    internal static double Slope(double[] steps, double[] errors, double from, double to)
    {
        var pts = steps.Select((h, i) => (X: Math.Log10(h), Y: Math.Log10(errors[i]))).Where(p => p.X >= Math.Log10(from) - 1e-9 && p.X <= Math.Log10(to) + 1e-9).ToList();
        var mx = pts.Average(p => p.X);
        var my = pts.Average(p => p.Y);
        return pts.Sum(p => (p.X - mx) * (p.Y - my)) / pts.Sum(p => (p.X - mx) * (p.X - mx));
    }

    private static PlotRef StepPlot(ExperimentContext context, double[] steps, double[] forward, double[] central)
    {
        var plot = new ScottPlot.Plot();
        var x = steps.Select(Math.Log10).ToArray();
        plot.Add.Scatter(x, forward.Select(Math.Log10).ToArray()).LegendText = "forward (f(x+h) − f(x))/h";
        plot.Add.Scatter(x, central.Select(Math.Log10).ToArray()).LegendText = "central (f(x+h) − f(x−h))/2h";
        plot.Add.VerticalLine(Math.Log10(Math.Cbrt(2.220446049250313e-16))).LegendText = "h = ε^(1/3)";
        plot.Axes.Bottom.Label.Text = "log10 h";
        plot.Axes.Left.Label.Text = "log10 |error|";
        plot.Title("Finite differences of exp(x)·sin(x) at x = 1: truncation (right) against rounding (left)");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        return context.SavePlot(plot, "finite-difference-error.png", "Error of forward and central differences against the step h");
    }
}
