using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>
/// Goal 1.5-4: minima of multivariable functions by BFGS and Nelder–Mead (the lab's and MathNet's), each verified by a
/// zero gradient and a positive-definite Hessian and compared with the analytic minimum; critical points classified
/// (minimum, maximum, saddle) by the Hessian; constrained minima by the penalty method against exact Lagrange
/// multipliers; an infeasible problem recognised as such.
/// </summary>
/// <param name="bug">A stopping or classification mistake (tests only): the gradient or Hessian checks must then fail.</param>
public sealed class OptimizationExperiment(OptimizationBug bug) : IExperiment
{
    public const double GradientTarget = 1e-6;

    public OptimizationExperiment() : this(OptimizationBug.None) { }

    public string GoalId => "1.5-4";
    public string Title => "Multivariable minima and maxima: BFGS, Nelder–Mead, penalties and Lagrange multipliers";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var builder = new FindingBuilder(GoalId, Title);
        var rows = new List<object?[]>();
        var histories = new Dictionary<string, IReadOnlyList<double>>();
        var bfgsIterations = new List<int>();
        var nmIterations = new List<int>();
        foreach (var c in OptimizationCase.Suite)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var objective = new SymbolicObjective(c.Function, c.Variables);
            var own = Bfgs.Minimize(objective.Value, objective.Gradient, c.Start, bug: bug);
            var simplex = NelderMead.Minimize(objective.Value, c.Start);
            var library = new BfgsMinimizer(1e-10, 1e-12, 1e-12, 10_000).FindMinimum(
                ObjectiveFunction.Gradient(v => objective.Value(v.ToArray()), v => Vector<double>.Build.Dense(objective.Gradient(v.ToArray()))),
                Vector<double>.Build.Dense(c.Start));
            var libraryNm = new NelderMeadSimplex(1e-15, 100_000).FindMinimum(ObjectiveFunction.Value(v => objective.Value(v.ToArray())), Vector<double>.Build.Dense(c.Start));
            if (c.Name == "Rosenbrock")
            {
                histories["BFGS (lab)"] = own.History;
                histories["Nelder–Mead (lab)"] = simplex.History;
            }
            bfgsIterations.Add(own.Iterations);
            nmIterations.Add(simplex.Iterations);

            var gradientNorm = Bfgs.Norm(objective.Gradient(own.Point));
            var kind = CriticalPoints.Classify(objective.Hessian(own.Point), bug);
            var distance = Distance(own.Point, c.KnownMinimum);
            builder.Check(gradientNorm <= GradientTarget && kind == CriticalPointKind.Minimum && distance <= 1e-6, string.Create(CultureInfo.InvariantCulture,
                $"{c.Name}: the lab's BFGS stops at a minimum - ‖∇f‖ = {gradientNorm:G2} ≤ {GradientTarget:G1}, Hessian {Describe(kind)}, {distance:G2} from the analytic minimum"));
            var nmGradient = Bfgs.Norm(objective.Gradient(simplex.Point));
            var nmKind = CriticalPoints.Classify(objective.Hessian(simplex.Point), bug);
            builder.Check(nmGradient <= 1e-3 && nmKind == CriticalPointKind.Minimum && Distance(simplex.Point, c.KnownMinimum) <= 1e-4, string.Create(CultureInfo.InvariantCulture,
                $"{c.Name}: the lab's Nelder–Mead reaches the same minimum without derivatives (‖∇f‖ = {nmGradient:G2} ≤ 1e-3, {Distance(simplex.Point, c.KnownMinimum):G2} from it)"));
            var libraryPoint = library.MinimizingPoint.ToArray();
            var libraryNmPoint = libraryNm.MinimizingPoint.ToArray();
            builder.Check(Distance(libraryPoint, own.Point) <= 1e-5 && Distance(libraryNmPoint, own.Point) <= 1e-3, string.Create(CultureInfo.InvariantCulture,
                $"{c.Name}: MathNet's BFGS and Nelder–Mead agree with the lab's ({Distance(libraryPoint, own.Point):G2} and {Distance(libraryNmPoint, own.Point):G2} apart)"));
            rows.Add([c.Name, Format(own.Point), own.Iterations, own.Evaluations, gradientNorm.ToString("G2", CultureInfo.InvariantCulture),
                simplex.Iterations, simplex.Evaluations, library.Iterations, Describe(kind)]);
        }
        builder.Table(FindingTable.Of("Unconstrained minima (lab's BFGS, checked by the gradient and the Hessian's eigenvalues)",
            ["function", "minimum found", "BFGS iterations", "BFGS f evaluations", "‖∇f‖ there", "Nelder–Mead iterations", "Nelder–Mead f evaluations", "MathNet BFGS iterations", "Hessian"], rows));

        ClassifyCriticalPoints(builder, bug);
        ConstrainedChecks(builder);

        builder.Plot(ConvergencePlot(context, histories));
        return Task.FromResult(builder
            .Figure("BFGS iterations, Rosenbrock from (−1.2, 1)", bfgsIterations[0], "", key: true)
            .Figure("Nelder–Mead iterations, Rosenbrock from (−1.2, 1)", nmIterations[0], "", key: true)
            .Figure("functions minimised and verified", OptimizationCase.Suite.Count, "", key: true)
            .Note("A minimum is verified by ‖∇f‖ ≤ 1e-6 (the symbolic gradient of 1.5-2, compiled) and by the Hessian's eigenvalues, all positive (MathNet's symmetric eigen-decomposition).")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"{OptimizationCase.Suite.Count} test functions minimised by the lab's BFGS and Nelder–Mead and by MathNet's, every result verified by its gradient and Hessian; " +
                $"the four critical points of x³ − 3x − y³ + 3y classified; three constrained problems solved by penalties and compared with exact Lagrange multipliers; an infeasible one refused")));
    }

    /// <summary>f = x³ − 3x − y³ + 3y: ∇f = (3x² − 3, 3 − 3y²) vanishes at (±1, ±1); H = diag(6x, −6y).</summary>
    internal static void ClassifyCriticalPoints(FindingBuilder builder, OptimizationBug bug)
    {
        var f = new SymbolicObjective("x^3 - 3*x - y^3 + 3*y", ["x", "y"]);
        (double[] Point, CriticalPointKind Expected)[] points =
        [
            ([1, -1], CriticalPointKind.Minimum), ([-1, 1], CriticalPointKind.Maximum),
            ([1, 1], CriticalPointKind.Saddle), ([-1, -1], CriticalPointKind.Saddle),
        ];
        foreach (var (point, expected) in points)
        {
            var found = CriticalPoints.Classify(f.Hessian(point), bug);
            builder.Check(Bfgs.Norm(f.Gradient(point)) == 0 && found == expected, string.Create(CultureInfo.InvariantCulture,
                $"x³ − 3x − y³ + 3y at ({point[0]}, {point[1]}): ∇f = 0 and the Hessian says {found} (the analysis: {expected})"));
        }
        // A saddle whose positive curvature dominates: x² − y²/4 at the origin (trace 1.5 > 0, but eigenvalues 2 and −0.5).
        var saddle = new SymbolicObjective("x^2 - y^2/4", ["x", "y"]);
        var kind = CriticalPoints.Classify(saddle.Hessian([0, 0]), bug);
        builder.Check(kind == CriticalPointKind.Saddle, $"x² − y²/4 at the origin is a saddle, though its Hessian's trace is positive (found {kind})");
        // Maximising is minimising −f: from near (−1, 1) the lab's BFGS on −f finds f's maximum there.
        var max = Bfgs.Minimize(f.Negated().Value, f.Negated().Gradient, [-0.7, 0.6]);
        builder.Check(Distance(max.Point, [-1, 1]) <= 1e-6 && CriticalPoints.Classify(f.Hessian(max.Point), bug) == CriticalPointKind.Maximum, string.Create(CultureInfo.InvariantCulture,
            $"BFGS on −f from (−0.7, 0.6) finds f's local maximum ({Format(max.Point)}), and f's Hessian there says Maximum"));
        // The monkey saddle x³ − 3xy² has a zero Hessian at the origin: the test cannot decide.
        var monkey = new SymbolicObjective("x^3 - 3*x*y^2", ["x", "y"]);
        builder.Check(CriticalPoints.Classify(monkey.Hessian([0, 0])) == CriticalPointKind.Degenerate, "the monkey saddle x³ − 3xy² at the origin is degenerate: the second-derivative test cannot decide");
    }

    internal static void ConstrainedChecks(FindingBuilder builder)
    {
        // (x − 1)² + (y − 2)² on x + y = 1: Q = 2I, c = (−2, −4), A = [1 1], b = 1 → x = (0, 1), λ = 2.
        var (kktX, kktLambda) = LagrangeKkt.SolveQuadratic(new double[,] { { 2, 0 }, { 0, 2 } }, [-2, -4], new double[,] { { 1, 1 } }, [1]);
        builder.Check(Distance(kktX, [0, 1]) < 1e-12 && Math.Abs(kktLambda[0] - 2) < 1e-12, string.Create(CultureInfo.InvariantCulture,
            $"KKT system of (x − 1)² + (y − 2)² on x + y = 1: x = {Format(kktX)}, λ = {kktLambda[0]:0.############} (by hand: (0, 1), λ = 2)"));
        (ConstrainedProblem Problem, double[] Start, double[] Point, double[] Multipliers)[] problems =
        [
            (new("(x − 1)² + (y − 2)² on x + y = 1", "(x - 1)^2 + (y - 2)^2", ["x", "y"], ["x + y - 1"], []), [3, 3], kktX, kktLambda),
            (new("x + y on the circle x² + y² = 2", "x + y", ["x", "y"], ["x^2 + y^2 - 2"], []), [0.5, -0.2], [-1, -1], [0.5]),
            (new("(x − 2)² + (y − 2)² with x + y ≤ 2", "(x - 2)^2 + (y - 2)^2", ["x", "y"], [], ["x + y - 2"]), [0, 0], [1, 1], [2]),
        ];
        var table = new List<object?[]>();
        foreach (var (problem, start, point, multipliers) in problems)
        {
            var solution = PenaltyMethod.Solve(problem, start);
            var found = solution.EqualityMultipliers.Concat(solution.InequalityMultipliers).ToArray();
            var distance = Distance(solution.Point, point);
            var multiplierError = found.Zip(multipliers, (a, b) => Math.Abs(a - b)).Max();
            builder.Check(distance <= 1e-6 && multiplierError <= 1e-5 && solution.LagrangianGradientNorm <= 1e-5, string.Create(CultureInfo.InvariantCulture,
                $"{problem.Name}: the penalty method ends {distance:G2} from the analytic point with multiplier {found[0]:0.######} (analytic {multipliers[0]}), ‖∇L‖ = {solution.LagrangianGradientNorm:G2}"));
            table.Add([problem.Name, Format(solution.Point), Format(point), Format(found), Format(multipliers), solution.MaxViolation.ToString("G2", CultureInfo.InvariantCulture)]);
        }
        builder.Table(FindingTable.Of("Constrained minima: quadratic penalty up to μ = 1e8 against the analytic answer",
            ["problem", "penalty method", "analytic", "multiplier estimate μ·h", "Lagrange multiplier", "violation left"], table));

        var infeasible = new ConstrainedProblem("x ≥ 1 and x ≤ 0", "x^2 + y^2", ["x", "y"], [], ["1 - x", "x"]);
        string? refusal = null;
        try
        {
            PenaltyMethod.Solve(infeasible, [0.3, 0.3]);
        }
        catch (InfeasibleProblemException e)
        {
            refusal = e.Message;
        }
        builder.Check(refusal is not null, $"an infeasible problem ({infeasible.Name}) is refused with InfeasibleProblemException{(refusal is null ? "" : $": {refusal}")}");
    }

    private static PlotRef ConvergencePlot(ExperimentContext context, Dictionary<string, IReadOnlyList<double>> histories)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (name, history) in histories)
        {
            var ys = history.Select(v => Math.Log10(Math.Max(v, 1e-20))).ToArray();
            plot.Add.Scatter(Enumerable.Range(0, ys.Length).Select(i => (double)i).ToArray(), ys).LegendText = name;
        }
        plot.Axes.Bottom.Label.Text = "iteration";
        plot.Axes.Left.Label.Text = "log10 (f − f*), f* = 0";
        plot.Title("Rosenbrock from (−1.2, 1): convergence of BFGS and Nelder–Mead");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return context.SavePlot(plot, "convergence.png", "f − f* per iteration on Rosenbrock's function");
    }

    private static string Describe(CriticalPointKind kind) => kind == CriticalPointKind.Minimum ? "positive definite" : $"says {kind}";

    internal static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    private static string Format(double[] v) => "(" + string.Join(", ", v.Select(x => x.ToString("0.######", CultureInfo.InvariantCulture))) + ")";
}
