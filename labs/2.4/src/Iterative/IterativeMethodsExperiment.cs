using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double.Solvers;
using MathNet.Numerics.LinearAlgebra.Solvers;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.NumericalMethods.Iterative;

/// <summary>
/// Goal 2.4-3: Gauss–Seidel and Newton–Raphson from scratch, measured step by step. Gauss–Seidel on three convergent
/// systems (its measured rate held against ρ of its iteration matrix, its answer against MathNet's LU and BiCGStab)
/// and on one where it must be seen to diverge; Newton–Raphson on four functions (measured order ≈ 2, roots against
/// MathNet's Newton–Raphson and Brent), a double root (order 1), and the failure cases: a flat tangent, a cycle, a run-away.
/// </summary>
public sealed class IterativeMethodsExperiment : IExperiment
{
    public const string WorstRateGap = "largest |measured Gauss–Seidel rate − ρ(G)|";
    public const string NewtonOrder = "smallest measured Newton order (simple roots)";
    public const string WorstRootGap = "largest |root − MathNet root|";
    public const string GaussSeidelIterations = "Gauss–Seidel sweeps, shifted Poisson system";

    public string GoalId => "2.4-3";
    public string Title => "Gauss–Seidel and Newton–Raphson from scratch, beside MathNet";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var n = context.Size(60, 400);
        context.Report(0.1, "Gauss–Seidel");
        LinearSystemsPart(context, finding, n);
        cancellationToken.ThrowIfCancellationRequested();
        context.Report(0.6, "Newton–Raphson");
        RootsPart(context, finding);
        return Task.FromResult(finding.Build(
            $"Gauss–Seidel ran to a relative residual of 1e-10 on three {n} × {n} systems whose solution is all ones, and on one where its iteration matrix has ρ > 1; " +
            "Newton–Raphson ran on four functions with simple roots, one with a double root, and three starts that fail."));
    }

    private static void LinearSystemsPart(ExperimentContext context, FindingBuilder finding, int n)
    {
        var systems = new (string Name, Matrix<double> A)[]
        {
            ("tridiag(−1, 2.5, −1)", LinearSystems.ShiftedPoisson(n)),
            ("random, strictly diagonally dominant", LinearSystems.RandomDominant(n, context.Seed)),
            ("SPD, not diagonally dominant", LinearSystems.SpdNotDominant(n, context.Seed)),
        };
        var rows = new List<object?[]>();
        var plot = new ScottPlot.Plot();
        var rateGaps = new List<double>();
        foreach (var (name, a) in systems)
        {
            var b = LinearSystems.OnesRightHandSide(a);
            var rho = GaussSeidel.SpectralRadius(a);
            var result = new GaussSeidel(maxIterations: 100_000).Solve(a, b);
            var lu = a.Solve(b);
            var (bicg, bicgIterations) = BiCgStab(a, b);
            var rate = result.MeasuredRate();
            var normalEnough = !name.StartsWith("tridiag", StringComparison.Ordinal);
            var error = (result.Solution - lu).InfinityNorm();
            rows.Add([name, GaussSeidel.IsStrictlyDiagonallyDominant(a) ? "yes" : "no", rho, rate, result.Iterations, result.Residuals[^1].ToString("G3", CultureInfo.InvariantCulture),
                error.ToString("G3", CultureInfo.InvariantCulture), bicgIterations, (bicg - lu).InfinityNorm().ToString("G3", CultureInfo.InvariantCulture)]);
            finding.Check(error <= 1e-8, $"{name}: Gauss–Seidel's answer equals MathNet's LU solution to {error:G3} after {result.Iterations} sweeps");
            // The tridiagonal system's iteration matrix is far from normal: its residual shrinks faster than ρ at first and
            // more slowly than ρ for about n sweeps (the README shows it); the rate is held to ρ on the dense systems.
            if (normalEnough)
            {
                rateGaps.Add(Math.Abs(rate - rho));
                finding.Check(Math.Abs(rate - rho) <= 0.02, $"{name}: the residual shrinks by {rate:0.####} per sweep, as ρ(G) = {rho:0.####} predicts (within 0.02)");
            }
            var line = plot.Add.Scatter(Enumerable.Range(0, result.Residuals.Count).Select(i => (double)i).ToArray(), result.Residuals.Select(r => Math.Log10(r)).ToArray());
            line.MarkerSize = 0;
            line.LegendText = $"{name} (ρ = {rho:0.###})";
            if (name.StartsWith("tridiag", StringComparison.Ordinal)) finding.Figure(GaussSeidelIterations, result.Iterations, "sweeps", key: true);
        }
        finding.Figure(WorstRateGap, rateGaps.Max(), "", key: true, target: "≤ 0.02 (dense systems)");
        finding.Table(FindingTable.Of($"Gauss–Seidel on {n} × {n} systems (solution all ones), beside MathNet",
            ["system", "diagonally dominant", "ρ(G)", "measured rate", "sweeps", "relative residual", "max |x − x_LU|", "MathNet BiCGStab iterations", "max |x_BiCGStab − x_LU|"], rows));

        var dominant = systems[1].A;
        var jacobi = new GaussSeidel(maxIterations: 100_000, bug: IterationBug.JacobiSweep).Solve(dominant, LinearSystems.OnesRightHandSide(dominant));
        var rhoGs = GaussSeidel.SpectralRadius(dominant);
        finding.Check(Math.Abs(jacobi.MeasuredRate() - rhoGs) > 0.02,
            $"on the random dominant system the rate check catches the planted bug JacobiSweep (rate {jacobi.MeasuredRate():0.####}, not ρ(G) = {rhoGs:0.####}; {jacobi.Iterations} sweeps)");

        var divergent = LinearSystems.NotDominant(Math.Min(n, 50), context.Seed);
        try
        {
            new GaussSeidel().Solve(divergent, LinearSystems.OnesRightHandSide(divergent));
            finding.Check(false, "Gauss–Seidel on a system with ρ(G) > 1 is reported as divergent");
        }
        catch (DivergenceException e)
        {
            finding.Check(e.Iteration < 100, $"Gauss–Seidel on a system with ρ(G) = {GaussSeidel.SpectralRadius(divergent):G3} is reported as divergent at sweep {e.Iteration}");
        }
        plot.Title("Gauss–Seidel: relative residual per sweep");
        plot.XLabel("sweep");
        plot.YLabel("log10 ‖b − Ax‖ / ‖b‖");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "gauss-seidel.png", "Gauss–Seidel residuals per sweep; the slopes are log10 ρ(G)"));
    }

    /// <summary>MathNet's BiCGStab with a diagonal preconditioner, to the same relative residual.</summary>
    internal static (Vector<double> Solution, int Iterations) BiCgStab(Matrix<double> a, Vector<double> b)
    {
        var recorder = new IterationRecorder();
        var iterator = new Iterator<double>(new IterationCountStopCriterion<double>(10_000), new ResidualStopCriterion<double>(1e-10), recorder);
        var x = Vector<double>.Build.Dense(b.Count);
        new BiCgStab().Solve(a, b, x, iterator, new DiagonalPreconditioner());
        return (x, recorder.Iterations);
    }

    /// <summary>A stop criterion that never stops anything and remembers the last iteration number MathNet showed it.</summary>
    private sealed class IterationRecorder : IIterationStopCriterion<double>
    {
        public int Iterations { get; private set; }
        public IterationStatus Status => IterationStatus.Continue;

        public IterationStatus DetermineStatus(int iterationNumber, Vector<double> solutionVector, Vector<double> sourceVector, Vector<double> residualVector)
        {
            Iterations = iterationNumber + 1;
            return IterationStatus.Continue;
        }

        public void Reset() => Iterations = 0;
        public IIterationStopCriterion<double> Clone() => new IterationRecorder();
    }

    private static void RootsPart(ExperimentContext context, FindingBuilder finding)
    {
        var cases = new (string Name, Func<double, double> F, Func<double, double> D, double Start, double Low, double High, double? Exact)[]
        {
            ("x² − 2", x => x * x - 2, x => 2 * x, 1, 0, 2, Math.Sqrt(2)),
            ("cos x − x", x => Math.Cos(x) - x, x => -Math.Sin(x) - 1, 1, 0, 1, null),
            ("x³ − 2x − 5 (Newton's own)", x => x * x * x - 2 * x - 5, x => 3 * x * x - 2, 2, 2, 3, null),
            ("e^x − 3", x => Math.Exp(x) - 3, Math.Exp, 0, 0, 2, Math.Log(3)),
        };
        var newton = new NewtonRaphson();
        var rows = new List<object?[]>();
        var orders = new List<double>();
        var gaps = new List<double>();
        var plot = new ScottPlot.Plot();
        foreach (var c in cases)
        {
            var result = newton.FindRoot(c.F, c.D, c.Start);
            var mathNet = MathNet.Numerics.RootFinding.NewtonRaphson.FindRoot(c.F, c.D, c.Low, c.High, 1e-14);
            var brent = MathNet.Numerics.RootFinding.Brent.FindRoot(c.F, c.Low, c.High, 1e-14);
            var root = c.Exact ?? brent;
            var order = NewtonRaphson.MeasuredOrder(result.Iterates, root);
            orders.Add(order);
            var gap = Math.Max(Math.Abs(result.Root - mathNet), Math.Abs(result.Root - brent));
            gaps.Add(gap);
            rows.Add([c.Name, c.Start, result.Root.ToString("G17", CultureInfo.InvariantCulture), result.Iterations, order,
                mathNet.ToString("G17", CultureInfo.InvariantCulture), brent.ToString("G17", CultureInfo.InvariantCulture)]);
            finding.Check(order is >= 1.8 and <= 2.2, $"{c.Name}: the measured order of convergence is {order:0.###} (≈ 2)");
            finding.Check(gap <= 1e-12, $"{c.Name}: the root {result.Root:G15} equals MathNet's Newton–Raphson and Brent roots to {gap:G2}");
            var errors = result.Iterates.Select(x => Math.Log10(Math.Max(Math.Abs(x - root), 1e-17))).ToArray();
            var line = plot.Add.Scatter(Enumerable.Range(0, errors.Length).Select(i => (double)i).ToArray(), errors);
            line.LegendText = c.Name;
        }
        finding.Figure(NewtonOrder, orders.Min(), "", key: true, target: "1.8 … 2.2");
        finding.Figure(WorstRootGap, gaps.Max(), "", key: true, target: "≤ 1e-12");

        var doubleRoot = newton.FindRoot(x => (x - 1) * (x - 1), x => 2 * (x - 1), 2);
        var doubleOrder = NewtonRaphson.MeasuredOrder(doubleRoot.Iterates, 1, 1e-7);
        rows.Add(["(x − 1)², a double root", 2.0, doubleRoot.Root.ToString("G17", CultureInfo.InvariantCulture), doubleRoot.Iterations, doubleOrder, "—", "—"]);
        finding.Check(doubleOrder is >= 0.9 and <= 1.1, $"at a double root Newton converges only linearly: measured order {doubleOrder:0.###}");
        finding.Table(FindingTable.Of("Newton–Raphson (tolerance 1e-15 on the step), beside MathNet",
            ["f(x)", "x₀", "root", "iterations", "measured order", "MathNet Newton–Raphson", "MathNet Brent"], rows));

        var chord = new NewtonRaphson(bug: IterationBug.FrozenDerivative).FindRoot(x => x * x - 2, x => 2 * x, 1);
        var chordOrder = NewtonRaphson.MeasuredOrder(chord.Iterates, Math.Sqrt(2));
        finding.Check(chordOrder < 1.5, $"the order check catches the planted bug FrozenDerivative (measured order {chordOrder:0.###}, {chord.Iterations} iterations)");

        var failures = new List<object?[]>();
        void Failure<TException>(string name, Func<double, double> f, Func<double, double> d, double start) where TException : NumericalMethodException
        {
            try
            {
                var r = newton.FindRoot(f, d, start);
                failures.Add([name, start, $"returned {r.Root:G6}"]);
                finding.Check(false, $"{name} from x₀ = {start} fails with {typeof(TException).Name}");
            }
            catch (TException e)
            {
                failures.Add([name, start, $"{typeof(TException).Name}: {e.Message}"]);
                finding.Check(true, $"{name} from x₀ = {start} fails with {typeof(TException).Name}");
            }
        }
        Failure<ZeroDerivativeException>("cos x (flat tangent at 0)", Math.Cos, x => -Math.Sin(x), 0);
        Failure<CyclingException>("x³ − 2x + 2 (cycle 0 → 1 → 0)", x => x * x * x - 2 * x + 2, x => 3 * x * x - 2, 0);
        Failure<DivergenceException>("x^(1/3) (each step doubles the distance)", x => Math.Cbrt(x), x => 1 / (3 * Math.Pow(Math.Cbrt(x), 2)), 0.1);
        finding.Table(FindingTable.Of("Newton–Raphson's failure cases, each a typed error", ["f(x)", "x₀", "outcome"], failures));

        plot.Title("Newton–Raphson: error per iteration");
        plot.XLabel("iteration");
        plot.YLabel("log10 |x − root|");
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        finding.Plot(context.SavePlot(plot, "newton.png", "Newton's error per iteration: the exponent doubles each step near a simple root"));
    }
}
