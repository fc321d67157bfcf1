using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>
/// Goal 4.6-3: simulate a Markov chain and a Poisson process and hold them to theory. The chain's stationary distribution
/// is computed by eigenvector, by a linear solve and by matrix powers, and a seeded walk's visit frequencies must come
/// within a Monte-Carlo tolerance derived from the run length and the chain's fundamental matrix. The Poisson process's
/// gaps are tested against Exp(λ) by Kolmogorov–Smirnov, its unit-window counts against Poisson(λ) by chi-square, and its
/// rate against λ; both tests must reject the planted bugs, so that their acceptance of the correct simulator means something.
/// </summary>
public sealed class StochasticProcessExperiment : IExperiment
{
    public const string EigenSolveGap = "largest |π_eigen − π_solve|";
    public const string SimulationDistance = "TV distance of the walk's visit frequencies from π";
    public const string SimulationTolerance = "Monte-Carlo tolerance for that distance (4σ)";
    public const string KsPValue = "KS p-value, gaps against Exp(λ)";
    public const string ChiSquarePValue = "chi-square p-value, unit-window counts against Poisson(λ)";
    public const string RateRatio = "empirical rate / λ";
    public const string BuggyKsPValue = "KS p-value, planted uniform gaps";

    /// <summary>The level at which the tests must accept the correct simulator and reject the planted bugs.</summary>
    public const double Alpha = 0.01;

    /// <summary>The chain of the experiment: five states, every row different, aperiodic (self-loops) and irreducible.</summary>
    public static double[,] ExampleChain => new double[,]
    {
        { 0.50, 0.20, 0.10, 0.10, 0.10 },
        { 0.10, 0.60, 0.20, 0.05, 0.05 },
        { 0.05, 0.15, 0.50, 0.20, 0.10 },
        { 0.20, 0.05, 0.05, 0.60, 0.10 },
        { 0.30, 0.10, 0.10, 0.10, 0.40 },
    };

    public const double Lambda = 4;

    public string GoalId => "4.6-3";
    public string Title => "Markov chains and the Poisson process against theory: stationary distributions three ways, KS and chi-square tests";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var steps = context.Size(200_000L, 5_000_000L);
        var horizon = context.Size(500, 10_000);
        context.Report(0.1, "Markov chain: stationary distribution three ways");
        ChainPart(context, finding, steps);
        cancellationToken.ThrowIfCancellationRequested();
        context.Report(0.5, "Poisson process: KS, chi-square and the rate");
        PoissonPart(context, finding, horizon);
        InputPart(finding);
        return Task.FromResult(finding.Build(
            $"The stationary distribution of a 5-state chain was computed from MathNet's EVD of Pᵀ, by solving π(P − I) = 0 with Σπ = 1, and from P^(2^k), and a seeded walk of {steps:N0} steps was compared with it; " +
            $"a Poisson process of rate λ = {Lambda} was simulated on [0, {horizon:N0}], its gaps tested against Exp(λ) by Kolmogorov–Smirnov and its {horizon:N0} unit-window counts against Poisson(λ) by chi-square at α = {Alpha}; four planted bugs and five bad inputs were run."));
    }

    private static void ChainPart(ExperimentContext context, FindingBuilder finding, long steps)
    {
        var chain = MarkovChain.From(ExampleChain);
        var eigen = chain.StationaryByEigenvector();
        var solve = chain.StationaryBySolve();
        var limit = chain.LimitDistribution();
        var gap = (eigen - solve).InfinityNorm();
        var limitGap = (limit - solve).InfinityNorm();
        var balance = (solve * chain.Transition - solve).InfinityNorm();
        finding.Figure(EigenSolveGap, gap, "", key: true, target: "≤ 1e-10");
        finding.Check(gap <= 1e-10, $"the eigenvector (MathNet EVD of Pᵀ) and the linear solve give the same π to {gap:G2}");
        finding.Check(limitGap <= 1e-10, $"the rows of P^(2^k) converge to the same π to {limitGap:G2}");
        finding.Check(balance <= 1e-12 && Math.Abs(solve.Sum() - 1) <= 1e-12 && solve.All(p => p > 0), $"π is a positive distribution with ‖πP − π‖∞ = {balance:G2}");

        var checkpoints = new List<long>();
        for (var e = 2.0; Math.Pow(10, e) <= steps; e += 0.25) checkpoints.Add((long)Math.Round(Math.Pow(10, e)));
        var walk = chain.Simulate(0, steps, new Random(context.Seed), checkpoints);
        var sigmas = chain.AsymptoticVisitVariances().Select(Math.Sqrt).ToArray();
        // Each frequency is within 4σᵢ/√n of πᵢ unless a 4-sigma event happens; half the sum of those is the TV tolerance.
        double Tolerance(long n) => 0.5 * sigmas.Sum() * 4 / Math.Sqrt(n);
        var distance = MarkovChain.TotalVariation(walk.Frequencies, solve.ToArray());
        finding.Figure(SimulationDistance, distance, "", key: true, target: $"≤ {Tolerance(steps):G3}");
        finding.Figure(SimulationTolerance, Tolerance(steps), "");
        finding.Check(distance <= Tolerance(steps), $"after {steps:N0} steps the visit frequencies are within TV {distance:G3} of π, inside the tolerance ½Σ4σᵢ/√n = {Tolerance(steps):G3} (σᵢ² = πᵢ(2Zᵢᵢ − 1 − πᵢ), Z the fundamental matrix)");

        var wrongRow = MarkovChain.From(ExampleChain, StochasticBug.WrongRowInSimulation).Simulate(0, steps, new Random(context.Seed), checkpoints);
        var wrongDistance = MarkovChain.TotalVariation(wrongRow.Frequencies, solve.ToArray());
        finding.Check(wrongDistance > Tolerance(steps), $"the tolerance check catches the planted bug WrongRowInSimulation (TV {wrongDistance:G3} > {Tolerance(steps):G3})");
        var unnormalised = MarkovChain.From(ExampleChain, StochasticBug.UnnormalisedStationary).StationaryByEigenvector();
        var unnormalisedGap = (unnormalised - solve).InfinityNorm();
        finding.Check(unnormalisedGap > 1e-10, $"the eigen-vs-solve check catches the planted bug UnnormalisedStationary (gap {unnormalisedGap:G3}, Σπ = {unnormalised.Sum():G4})");

        finding.Table(FindingTable.Of("Stationary distribution of the 5-state chain", ["state", "eigenvector", "linear solve", "P^(2^k) row", $"walk of {steps:N0} steps", "σᵢ (asymptotic)", "walk with the wrong row (planted bug)"],
            Enumerable.Range(0, chain.States).Select(i => new object?[]
            {
                i, eigen[i].ToString("G12", CultureInfo.InvariantCulture), solve[i].ToString("G12", CultureInfo.InvariantCulture), limit[i].ToString("G12", CultureInfo.InvariantCulture),
                walk.Frequencies[i].ToString("0.00000", CultureInfo.InvariantCulture), sigmas[i].ToString("0.000", CultureInfo.InvariantCulture), wrongRow.Frequencies[i].ToString("0.00000", CultureInfo.InvariantCulture),
            }).ToList()));

        var xs = walk.Snapshots.Select(s => Math.Log10(s.Steps)).ToArray();
        var measured = walk.Snapshots.Select(s => Math.Log10(Math.Max(MarkovChain.TotalVariation(s.Frequencies, solve.ToArray()), 1e-9))).ToArray();
        var plot = new ScottPlot.Plot();
        var line = plot.Add.Scatter(xs, measured);
        line.LegendText = "TV(visit frequencies, π)";
        var wrongLine = plot.Add.Scatter(xs, wrongRow.Snapshots.Select(s => Math.Log10(Math.Max(MarkovChain.TotalVariation(s.Frequencies, solve.ToArray()), 1e-9))).ToArray());
        wrongLine.LegendText = "planted bug: the walk uses the wrong row";
        // E|N(0, σ²/n)| = σ√(2/π)/√n per state: the distance a walk of n steps is expected to keep.
        var expected = plot.Add.Scatter(xs, walk.Snapshots.Select(s => Math.Log10(0.5 * sigmas.Sum() * Math.Sqrt(2 / Math.PI) / Math.Sqrt(s.Steps))).ToArray());
        expected.LegendText = "expected ½Σσᵢ√(2/π)/√n";
        var bound = plot.Add.Scatter(xs, walk.Snapshots.Select(s => Math.Log10(Tolerance(s.Steps))).ToArray());
        bound.LegendText = "tolerance ½Σ4σᵢ/√n";
        plot.Title("Convergence of the walk's visit frequencies to π (log-log)");
        plot.XLabel("log₁₀ steps");
        plot.YLabel("log₁₀ total-variation distance");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "chain-convergence.png", "Total-variation distance from π against the number of steps: the 1/√n law, the tolerance above it, and the planted wrong-row walk levelling off above the tolerance"));
    }

    private static void PoissonPart(ExperimentContext context, FindingBuilder finding, int horizon)
    {
        var process = new PoissonProcess(Lambda);
        var path = process.Simulate(horizon, new Random(context.Seed + 1));
        double ExponentialCdf(double x) => x <= 0 ? 0 : 1 - Math.Exp(-Lambda * x);

        var ks = GoodnessOfFit.KolmogorovSmirnov(path.Gaps, ExponentialCdf);
        var exact = 1 - KolmogorovDistribution.ExactCdf(ks.N, ks.Statistic);
        finding.Figure(KsPValue, ks.PValue, "", key: true, target: $"≥ {Alpha}");
        finding.Check(!ks.RejectsAt(Alpha), $"KS does not reject Exp(λ) for the {ks.N:N0} gaps at α = {Alpha} (D = {ks.Statistic:G4}, p = {ks.PValue:G4})");
        finding.Check(Math.Abs(ks.PValue - exact) <= 0.005, $"the KS p-value from the limit law with Stephens' correction ({ks.PValue:G5}) matches the exact finite-n Kolmogorov distribution (Marsaglia–Tsang–Wang: {exact:G5}) to 0.005");

        var counts = process.CountsPerUnitWindow(path.Times, horizon);
        var chi = GoodnessOfFit.ChiSquarePoisson(counts, Lambda);
        var reference = SpecialFunctions.GammaUpperRegularized(chi.DegreesOfFreedom / 2.0, chi.Statistic / 2);
        finding.Figure(ChiSquarePValue, chi.PValue, "", key: true, target: $"≥ {Alpha}");
        finding.Check(!chi.RejectsAt(Alpha), $"chi-square does not reject Poisson(λ) for the {horizon:N0} window counts at α = {Alpha} (X² = {chi.Statistic:G4}, {chi.DegreesOfFreedom} df, p = {chi.PValue:G4})");
        finding.Check(Math.Abs(chi.PValue - reference) <= 1e-10, $"the chi-square p-value from MathNet's ChiSquared CDF matches the regularized upper incomplete gamma Q(df/2, X²/2) = {reference:G6}");
        finding.Check(chi.Bins.All(b => b.Expected >= GoodnessOfFit.MinimumExpected), $"every one of the {chi.Bins.Count} chi-square bins expects ≥ {GoodnessOfFit.MinimumExpected} windows");
        finding.Table(FindingTable.Of($"Arrivals per unit window, {horizon:N0} windows, against Poisson({Lambda})", ["count", "observed", "expected"],
            chi.Bins.Select(b => new object?[] { b.Label, b.Observed, b.Expected.ToString("0.0", CultureInfo.InvariantCulture) }).ToList()));

        var rateTolerance = 4 * Math.Sqrt(Lambda / horizon);
        finding.Figure(RateRatio, path.EmpiricalRate / Lambda, "", key: true, target: $"within 1 ± {rateTolerance / Lambda:G2}");
        finding.Check(Math.Abs(path.EmpiricalRate - Lambda) <= rateTolerance, $"the empirical rate N(T)/T = {path.EmpiricalRate:G5} is within 4√(λ/T) = {rateTolerance:G3} of λ = {Lambda}");

        var uniform = new PoissonProcess(Lambda, StochasticBug.UniformInterArrivals);
        var uniformPath = uniform.Simulate(horizon, new Random(context.Seed + 1));
        var uniformKs = GoodnessOfFit.KolmogorovSmirnov(uniformPath.Gaps, ExponentialCdf);
        var uniformChi = GoodnessOfFit.ChiSquarePoisson(uniform.CountsPerUnitWindow(uniformPath.Times, horizon), Lambda);
        finding.Figure(BuggyKsPValue, uniformKs.PValue, "", target: $"< {Alpha}");
        finding.Check(uniformKs.RejectsAt(Alpha), $"KS rejects the planted bug UniformInterArrivals (D = {uniformKs.Statistic:G3}, p = {uniformKs.PValue:G3})");
        finding.Check(uniformChi.RejectsAt(Alpha), $"chi-square rejects the counts of the planted bug UniformInterArrivals (X² = {uniformChi.Statistic:G4}, p = {uniformChi.PValue:G3})");
        finding.Note($"the rate alone cannot see that bug: its empirical rate is {uniformPath.EmpiricalRate:G5} against λ = {Lambda}.");
        var offByOne = new PoissonProcess(Lambda, StochasticBug.CountsOffByOne);
        var offChi = GoodnessOfFit.ChiSquarePoisson(offByOne.CountsPerUnitWindow(path.Times, horizon), Lambda);
        finding.Check(offChi.RejectsAt(Alpha), $"chi-square rejects the planted bug CountsOffByOne (X² = {offChi.Statistic:G4}, p = {offChi.PValue:G3})");

        var plot = new ScottPlot.Plot();
        const int bins = 40;
        var width = 2.0 / Lambda / bins * 2;
        for (var b = 0; b < bins; b++)
        {
            var density = path.Gaps.Count(g => g >= b * width && g < (b + 1) * width) / (path.Gaps.Count * width);
            plot.Add.Bar(new ScottPlot.Bar { Position = (b + 0.5) * width, Value = density, Size = width * 0.9, FillColor = ScottPlot.Colors.SteelBlue });
        }
        var grid = Enumerable.Range(0, 200).Select(i => i * bins * width / 200).ToArray();
        var exponential = plot.Add.Scatter(grid, grid.Select(x => Exponential.PDF(Lambda, x)).ToArray());
        exponential.LegendText = $"Exp(λ = {Lambda}) density";
        exponential.MarkerSize = 0;
        exponential.LineWidth = 2;
        var uniformDensity = plot.Add.Scatter(grid, grid.Select(x => x <= 2 / Lambda ? Lambda / 2 : 0).ToArray());
        uniformDensity.LegendText = "planted bug: U[0, 2/λ] density";
        uniformDensity.MarkerSize = 0;
        uniformDensity.LineWidth = 2;
        plot.Title($"Inter-arrival times of the simulated process ({path.Gaps.Count:N0} gaps) against Exp(λ)");
        plot.XLabel("gap");
        plot.YLabel("density");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "inter-arrivals.png", "Histogram of the gaps (bars) with the exponential density they are tested against and the uniform one of the planted bug"));
    }

    private static void InputPart(FindingBuilder finding)
    {
        RefusalChecks.Expect<TransitionMatrixShapeException>(finding, "a 2 × 3 transition matrix", () => MarkovChain.From(new double[2, 3]));
        RefusalChecks.Expect<NegativeTransitionException>(finding, "a transition probability of −0.1", () => MarkovChain.From(new[,] { { 1.1, -0.1 }, { 0.5, 0.5 } }));
        RefusalChecks.Expect<RowSumException>(finding, "a row summing to 0.9", () => MarkovChain.From(new[,] { { 0.5, 0.5 }, { 0.4, 0.5 } }));
        RefusalChecks.Expect<ReducibleChainException>(finding, "the stationary distribution of a chain with two closed classes", () => MarkovChain.From(new double[,] { { 1, 0 }, { 0, 1 } }).StationaryBySolve());
        RefusalChecks.Expect<PeriodicChainException>(finding, "the limit distribution of a chain alternating between two states", () => MarkovChain.From(new double[,] { { 0, 1 }, { 1, 0 } }).LimitDistribution());
    }
}
