using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.NumericalMethods.Convex;

namespace StatelessMind.Labs.NumericalMethods.Gradient;

/// <summary>
/// Goal 2.4-2: gradient descent with TorchSharp's autograd — linear and logistic regression with plain gradient
/// descent, momentum and Adam, each held against the optimum computed without gradients (QR, Newton) — Adam by hand
/// against torch.optim.Adam, and two convex problems solved to certified optimality: the LASSO by ADMM (KKT residual,
/// duality gap, and a second solver) and a capped long-only Markowitz portfolio by projected gradient (KKT residual).
/// </summary>
public sealed class GradientConvexExperiment : IExperiment
{
    public const string MomentumSpeedup = "steps to a 1e-8 gap, gradient descent / momentum (linear)";
    public const string LassoGap = "LASSO relative duality gap (ADMM)";
    public const string LassoKkt = "LASSO KKT residual / λ (ADMM)";
    public const string AdamMatch = "largest |Adam by hand − torch.optim.Adam| loss difference";
    public const string PortfolioKkt = "portfolio KKT residual";

    private const double GapTarget = 1e-8;

    public string GoalId => "2.4-2";
    public string Title => "Gradient descent with TorchSharp autograd, and convex problems solved to a certified optimum";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var rows = context.Size(500, 5000);
        var steps = context.Size(2000, 4000);
        context.Report(0.05, "gradient descent with autograd");
        foreach (var kind in new[] { ModelKind.Linear, ModelKind.Logistic })
        {
            cancellationToken.ThrowIfCancellationRequested();
            Descent(context, finding, kind, RegressionData.Generate(kind, rows, 5, kind == ModelKind.Linear ? 10 : 3, context.Seed), steps);
        }
        context.Report(0.5, "Adam by hand");
        AdamCheck(finding, RegressionData.Generate(ModelKind.Logistic, rows, 5, 3, context.Seed));
        context.Report(0.6, "LASSO by ADMM");
        var (lassoRows, lassoColumns) = context.Size((100, 200), (300, 600));
        Lasso(context, finding, lassoRows, lassoColumns, cancellationToken);
        context.Report(0.9, "portfolio by projected gradient");
        PortfolioPart(finding, context.Size(20, 60), context.Seed);
        return Task.FromResult(finding.Build(
            $"Linear and logistic regression on {rows:N0} generated rows of 5 features ran {steps:N0} full-batch steps of gradient descent, momentum and Adam in TorchSharp (float64); " +
            $"a {lassoRows} × {lassoColumns} LASSO ran ADMM to its stopping rule and coordinate descent beside it; a {context.Size(20, 60)}-asset capped portfolio ran projected gradient."));
    }

    private static void Descent(ExperimentContext context, FindingBuilder finding, ModelKind kind, RegressionData data, int steps)
    {
        var optimum = ClosedFormOptimum.Solve(kind, data);
        var smoothness = ClosedFormOptimum.Smoothness(kind, data);
        var probe = data.TrueWeights.Select(w => w * 0.3).ToArray();
        var autograd = TorchTrainer.Gradient(kind, data, probe, 0.1);
        var analytic = ClosedFormOptimum.Gradient(kind, data, probe, 0.1);
        var gradientError = autograd.Weights.Zip(analytic.Weights, (a, b) => Math.Abs(a - b)).Append(Math.Abs(autograd.Bias - analytic.Bias)).Max();
        finding.Check(gradientError <= 1e-10, $"{kind}: autograd's gradient equals the analytic gradient to {gradientError:G2}");

        var runs = new[]
        {
            TorchTrainer.Train(kind, data, OptimizerKind.Sgd, 1 / smoothness, steps),
            TorchTrainer.Train(kind, data, OptimizerKind.Momentum, 1 / smoothness, steps),
            TorchTrainer.Train(kind, data, OptimizerKind.Adam, 0.02, steps),
        };
        int StepsTo(TrainingRun run, double gap) => Array.FindIndex(run.Losses, l => (l - optimum.Loss) / optimum.Loss <= gap);
        var table = runs.Select(r => new object?[]
        {
            r.Optimizer, r.Optimizer == "Adam" ? "0.02" : $"1/L = {1 / smoothness:G3}",
            ((r.FinalLoss - optimum.Loss) / optimum.Loss).ToString("G3", CultureInfo.InvariantCulture),
            StepsTo(r, 1e-4) is var s4 and >= 0 ? s4 : "not reached", StepsTo(r, GapTarget) is var s8 and >= 0 ? s8 : "not reached",
            r.Weights.Zip(optimum.Weights, (a, b) => Math.Abs(a - b)).Max().ToString("G3", CultureInfo.InvariantCulture),
        });
        finding.Table(FindingTable.Of($"{kind} regression: {steps:N0} full-batch steps from zero (optimum loss {optimum.Loss:G6} from {(kind == ModelKind.Linear ? "QR" : "Newton")})",
            ["optimizer", "step size", "final relative gap", "steps to 1e-4", "steps to 1e-8", "max |w − w*|"], table));
        var (gd, momentum, adam) = (runs[0], runs[1], runs[2]);
        var gdSteps = StepsTo(gd, GapTarget);
        var momentumSteps = StepsTo(momentum, GapTarget);
        finding.Check(momentumSteps >= 0 && gdSteps >= 0,
            $"{kind}: gradient descent and momentum reach a relative gap of {GapTarget:G1} to the optimum (after {gdSteps} and {momentumSteps} steps)");
        finding.Check(momentumSteps >= 0 && (gdSteps < 0 || momentumSteps < gdSteps),
            $"{kind}: momentum gets there in fewer steps than plain gradient descent with the same step 1/L");
        var adamSteps = StepsTo(adam, GapTarget);
        finding.Check(adamSteps >= 0, $"{kind}: Adam (constant step 0.02) reaches a relative gap of {GapTarget:G1} too (after {adamSteps} steps)");
        if (kind == ModelKind.Linear && gdSteps > 0 && momentumSteps > 0)
            finding.Figure(MomentumSpeedup, (double)gdSteps / momentumSteps, "×", key: true);

        var plot = new ScottPlot.Plot();
        foreach (var run in runs)
        {
            var gaps = run.Losses.Select(l => Math.Log10(Math.Max((l - optimum.Loss) / optimum.Loss, 1e-16))).ToArray();
            var line = plot.Add.Scatter(Enumerable.Range(0, gaps.Length).Select(i => (double)i).ToArray(), gaps);
            line.MarkerSize = 0;
            line.LegendText = run.Optimizer;
        }
        plot.Title($"{kind} regression in TorchSharp: loss above the optimum");
        plot.XLabel("step");
        plot.YLabel("log10 (loss − optimum) / optimum");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, $"loss-{kind.ToString().ToLowerInvariant()}.png", $"{kind} regression: relative loss gap per step for gradient descent, momentum and Adam"));
    }

    private static void AdamCheck(FindingBuilder finding, RegressionData data)
    {
        const int steps = 300;
        var torchAdam = TorchTrainer.Train(ModelKind.Logistic, data, OptimizerKind.Adam, 0.02, steps);
        var byHand = new AdamByHand(0.02).Train(ModelKind.Logistic, data, steps);
        var buggy = new AdamByHand(0.02, OptimizationBug.AdamWithoutBiasCorrection).Train(ModelKind.Logistic, data, steps);
        double Difference(TrainingRun a, TrainingRun b) => a.Losses.Zip(b.Losses, (x, y) => Math.Abs(x - y)).Max();
        var match = Difference(torchAdam, byHand);
        finding.Figure(AdamMatch, match, "", key: true, target: "≤ 1e-12");
        finding.Check(match <= 1e-12, $"Adam written out follows torch.optim.Adam step for step over {steps} steps (largest loss difference {match:G2})");
        finding.Check(Difference(torchAdam, buggy) > 1e-6,
            $"the same comparison catches the planted bug AdamWithoutBiasCorrection (largest loss difference {Difference(torchAdam, buggy):G3})");
    }

    private static void Lasso(ExperimentContext context, FindingBuilder finding, int rows, int columns, CancellationToken ct)
    {
        var (problem, truth) = LassoProblem.Generate(rows, columns, columns / 20, 0.05, 0.1, context.Seed);
        var admm = new LassoAdmm().Solve(problem);
        ct.ThrowIfCancellationRequested();
        var certificate = LassoCertificate.Of(problem, admm.Solution);
        var reference = LassoCoordinateDescent.Solve(problem);
        var difference = (admm.Solution - reference).InfinityNorm();
        var support = Enumerable.Range(0, columns).Count(j => admm.Solution[j] != 0);
        var recovered = Enumerable.Range(0, columns).Count(j => truth[j] != 0 && admm.Solution[j] != 0);
        finding.Figure(LassoGap, certificate.RelativeGap, "", key: true, target: $"≤ {GapTarget:G1}");
        finding.Figure(LassoKkt, certificate.KktResidual / problem.Lambda, "", key: true, target: "≤ 1e-6");
        finding.Figure("ADMM iterations", admm.Iterations, "");
        finding.Table(FindingTable.Of($"LASSO, {rows} × {columns}, λ = 0.1·λ_max = {problem.Lambda:G4}, {columns / 20} true nonzeros",
            ["solver", "objective", "nonzeros", "true nonzeros found", "relative duality gap", "KKT residual / λ"],
            [
                ["ADMM (ρ = 5)", certificate.Primal, support, recovered, certificate.RelativeGap.ToString("G3", CultureInfo.InvariantCulture), (certificate.KktResidual / problem.Lambda).ToString("G3", CultureInfo.InvariantCulture)],
                ["coordinate descent", problem.Objective(reference), Enumerable.Range(0, columns).Count(j => reference[j] != 0), Enumerable.Range(0, columns).Count(j => truth[j] != 0 && reference[j] != 0),
                    LassoCertificate.Of(problem, reference).RelativeGap.ToString("G3", CultureInfo.InvariantCulture), (LassoCertificate.Of(problem, reference).KktResidual / problem.Lambda).ToString("G3", CultureInfo.InvariantCulture)],
            ]));
        finding.Check(certificate.Gap >= -1e-9 * certificate.Primal && certificate.RelativeGap <= GapTarget,
            $"the duality gap certifies ADMM's point: relative gap {certificate.RelativeGap:G3} ≤ {GapTarget:G1}");
        finding.Check(certificate.KktResidual <= 1e-6 * problem.Lambda, $"the KKT conditions hold at ADMM's point to {certificate.KktResidual / problem.Lambda:G3}·λ");
        finding.Check(difference <= 1e-6, $"ADMM and coordinate descent find the same solution (largest coordinate difference {difference:G3})");
        var broken = LassoCertificate.Of(problem, new LassoAdmm(bug: OptimizationBug.ThresholdWithoutRho).Solve(problem).Solution);
        finding.Check(broken.RelativeGap > GapTarget && broken.KktResidual > 1e-6 * problem.Lambda,
            $"the certificate rejects the planted bug ThresholdWithoutRho (relative gap {broken.RelativeGap:G3}, KKT residual {broken.KktResidual / problem.Lambda:G3}·λ)");

        var plot = new ScottPlot.Plot();
        var optimum = Math.Min(certificate.Primal, problem.Objective(reference));
        var xs = Enumerable.Range(1, admm.Iterations).Select(i => (double)i).ToArray();
        var gapLine = plot.Add.Scatter(xs, admm.Objectives.Select(o => Math.Log10(Math.Max((o - optimum) / optimum, 1e-16))).ToArray());
        gapLine.MarkerSize = 0;
        gapLine.LegendText = "log10 relative objective gap (at z)";
        var residualLine = plot.Add.Scatter(xs, admm.PrimalResiduals.Select(r => Math.Log10(Math.Max(r, 1e-16))).ToArray());
        residualLine.MarkerSize = 0;
        residualLine.LegendText = "log10 primal residual ‖x − z‖";
        plot.Title("LASSO by ADMM: convergence");
        plot.XLabel("iteration");
        plot.YLabel("log10");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "lasso-admm.png", "ADMM's objective gap and primal residual per iteration"));
    }

    private static void PortfolioPart(FindingBuilder finding, int assets, int seed)
    {
        var portfolio = Portfolio.Generate(assets, 3.0 / assets, 1.0, seed);
        var result = portfolio.Solve();
        var atCap = result.Weights.Count(w => w >= portfolio.Caps[0] - 1e-9);
        var atZero = result.Weights.Count(w => w <= 1e-9);
        finding.Figure(PortfolioKkt, result.KktResidual, "", key: true, target: "≤ 1e-8");
        finding.Check(result.KktResidual <= 1e-8 && Math.Abs(result.Weights.Sum() - 1) <= 1e-12 && result.Weights.All(w => w >= 0),
            $"the {assets}-asset portfolio (cap {3.0 / assets:0.###} each) satisfies the KKT conditions to {result.KktResidual:G3} after {result.Iterations} projected-gradient steps ({atCap} weights at the cap, {atZero} at zero)");
        var tight = portfolio with { Caps = Vector<double>.Build.Dense(assets, 0.8 / assets) };
        try
        {
            tight.Solve();
            finding.Check(false, "caps that sum to 0.8 are refused as infeasible");
        }
        catch (InfeasibleProblemException e)
        {
            finding.Check(true, $"caps that sum to 0.8 are refused as infeasible ({e.Message})");
        }
    }
}
