using System.Globalization;
using MathNet.Numerics.Distributions;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.MathFoundations.Probability;

/// <summary>
/// Goal 1.5-3: Normal, Binomial, Poisson and Exponential from MathNet — densities and masses, CDFs and quantiles —
/// checked against their formulas; then samples from the lab's samplers and from MathNet's, checked against the theory
/// with a χ² test (counts) or a Kolmogorov–Smirnov test (continuous values).
/// </summary>
/// <param name="bug">A sampler mistake (tests only): the goodness-of-fit checks must then fail.</param>
public sealed class DistributionsExperiment(SamplerBug bug) : IExperiment
{
    /// <summary>Significance of the goodness-of-fit tests: a true model fails one in a thousand runs (the seeds are fixed).</summary>
    public const double Alpha = 0.001;

    public DistributionsExperiment() : this(SamplerBug.None) { }

    public string GoalId => "1.5-3";
    public string Title => "Normal, Binomial, Poisson and Exponential: formulas, and simulated frequencies against theory";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var builder = new FindingBuilder(GoalId, Title);
        FormulaChecks(builder);

        var n = context.Size(20_000, 1_000_000);
        const double mu = 1, sigma = 2, rate = 1.5, p = 0.3, lambda = 4;
        const int trials = 20;
        var own = new Samplers(new Random(context.Seed), bug);
        var library = new Random(context.Seed + 1);
        var normal = new Normal(mu, sigma);
        var exponential = new Exponential(rate);
        var binomial = new Binomial(p, trials);
        var poisson = new Poisson(lambda);

        var ownNormal = Enumerable.Range(0, n).Select(_ => own.Normal(mu, sigma)).ToArray();
        var libNormal = Normal.Samples(library, mu, sigma).Take(n).ToArray();
        var ownExponential = Enumerable.Range(0, n).Select(_ => own.Exponential(rate)).ToArray();
        var libExponential = Exponential.Samples(library, rate).Take(n).ToArray();
        var ownBinomial = Enumerable.Range(0, n).Select(_ => own.Binomial(trials, p)).ToArray();
        var libBinomial = Binomial.Samples(library, p, trials).Take(n).ToArray();
        var ownPoisson = Enumerable.Range(0, n).Select(_ => own.Poisson(lambda)).ToArray();
        var libPoisson = Poisson.Samples(library, lambda).Take(n).ToArray();

        var binomialProbabilities = Enumerable.Range(0, trials + 1).Select(k => binomial.Probability(k)).ToArray();
        const int poissonTop = 30;
        var poissonProbabilities = Enumerable.Range(0, poissonTop + 1).Select(k => poisson.Probability(k)).ToArray();
        var tests = new List<(string Sample, GoodnessOfFit Fit)>
        {
            ($"Normal({mu}, {sigma}), lab's Box–Muller", KolmogorovSmirnovTest.Test(ownNormal, normal.CumulativeDistribution)),
            ($"Normal({mu}, {sigma}), MathNet", KolmogorovSmirnovTest.Test(libNormal, normal.CumulativeDistribution)),
            ($"Exponential({rate}), lab's inversion", KolmogorovSmirnovTest.Test(ownExponential, exponential.CumulativeDistribution)),
            ($"Exponential({rate}), MathNet", KolmogorovSmirnovTest.Test(libExponential, exponential.CumulativeDistribution)),
            ($"Binomial({trials}, {p}), lab's Bernoulli sum", ChiSquareTest.Test(Counts(ownBinomial, trials), binomialProbabilities)),
            ($"Binomial({trials}, {p}), MathNet", ChiSquareTest.Test(Counts(libBinomial, trials), binomialProbabilities)),
            ($"Poisson({lambda}), lab's Knuth product", ChiSquareTest.Test(Counts(ownPoisson, poissonTop), poissonProbabilities)),
            ($"Poisson({lambda}), MathNet", ChiSquareTest.Test(Counts(libPoisson, poissonTop), poissonProbabilities)),
        };
        foreach (var (sample, fit) in tests)
            builder.Check(fit.Fits(Alpha), string.Create(CultureInfo.InvariantCulture,
                $"{n:N0} samples of {sample} fit the theory ({fit.Test} = {fit.Statistic:G4}{(fit.DegreesOfFreedom > 0 ? $", {fit.DegreesOfFreedom} dof" : "")}, p = {fit.PValue:G3} ≥ α = {Alpha})"));

        // One frequency a reader can check by eye: P(|X − μ| < σ) = Φ(1) − Φ(−1).
        var within = ownNormal.Count(x => Math.Abs(x - mu) < sigma) / (double)n;
        var theory = normal.CumulativeDistribution(mu + sigma) - normal.CumulativeDistribution(mu - sigma);
        var standardError = Math.Sqrt(theory * (1 - theory) / n);
        builder.Check(Math.Abs(within - theory) <= 4 * standardError, string.Create(CultureInfo.InvariantCulture,
            $"the share of the lab's normal samples within one σ of μ is {within:0.0000}, theory Φ(1) − Φ(−1) = {theory:0.0000} (within 4 standard errors, {4 * standardError:0.0000})"));

        builder.Table(FindingTable.Of($"Goodness of fit, {n:N0} samples each (α = {Alpha})", ["sample", "test", "statistic", "dof", "p-value", "fits"],
            tests.Select(t => (IEnumerable<object?>)[t.Sample, t.Fit.Test, t.Fit.Statistic.ToString("G4", CultureInfo.InvariantCulture),
                t.Fit.DegreesOfFreedom > 0 ? t.Fit.DegreesOfFreedom : "", t.Fit.PValue.ToString("G3", CultureInfo.InvariantCulture), t.Fit.Fits(Alpha) ? "yes" : "no"])));
        builder.Plot(NormalPlot(context, ownNormal, normal));
        builder.Plot(BinomialPlot(context, ownBinomial, binomialProbabilities));

        var ownFits = tests.Where(t => t.Sample.Contains("lab's", StringComparison.Ordinal)).ToList();
        return Task.FromResult(builder
            .Figure("samples per distribution and sampler", n, "", key: true)
            .Figure("smallest p-value, lab's samplers", ownFits.Min(t => t.Fit.PValue), "", key: true, target: $"≥ {Alpha}")
            .Figure("smallest p-value, MathNet's samplers", tests.Except(ownFits).Min(t => t.Fit.PValue), "", target: $"≥ {Alpha}")
            .Figure("KS statistic D, lab's normal", tests[0].Fit.Statistic, "")
            .Figure("share within one σ, lab's normal", within, "", key: true)
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"MathNet's Normal, Binomial, Poisson and Exponential checked against their formulas; {n:N0} samples from each of the lab's and MathNet's samplers tested against the theory " +
                $"(KS for continuous, χ² for counts): smallest p-value {tests.Min(t => t.Fit.PValue):G3}")));
    }

    /// <summary>Densities, masses, CDFs and quantiles of MathNet against the formulas and against each other.</summary>
    internal static void FormulaChecks(FindingBuilder builder)
    {
        var standard = new Normal(0, 1);
        var symmetry = new[] { 0.3, 1, 1.96, 3 }.Max(x => Math.Abs(standard.CumulativeDistribution(-x) + standard.CumulativeDistribution(x) - 1));
        var integral = new[] { 1.0, 2, 3 }.Max(k => Math.Abs(ExactBinomial.Simpson(standard.Density, -k, k) - (standard.CumulativeDistribution(k) - standard.CumulativeDistribution(-k))));
        var quantile = new[] { 1e-6, 0.025, 0.2, 0.5, 0.8, 0.975, 1 - 1e-6 }.Max(q => Math.Abs(standard.CumulativeDistribution(standard.InverseCumulativeDistribution(q)) - q));
        builder.Check(standard.CumulativeDistribution(0) == 0.5 && symmetry < 1e-15, string.Create(CultureInfo.InvariantCulture,
            $"Normal: Φ(0) = 1/2 and Φ(−x) + Φ(x) = 1 (largest error {symmetry:G2})"));
        builder.Check(integral < 1e-10, string.Create(CultureInfo.InvariantCulture,
            $"Normal: Simpson's integral of the density over [−k, k] equals Φ(k) − Φ(−k) for k = 1, 2, 3 (largest error {integral:G2}; the 68–95–99.7 rule: " +
            $"{standard.CumulativeDistribution(1) - standard.CumulativeDistribution(-1):0.0000}, {standard.CumulativeDistribution(2) - standard.CumulativeDistribution(-2):0.0000}, {standard.CumulativeDistribution(3) - standard.CumulativeDistribution(-3):0.0000})"));
        builder.Check(quantile < 1e-12, string.Create(CultureInfo.InvariantCulture, $"Normal: Φ(Φ⁻¹(q)) = q from q = 1e-6 to 1 − 1e-6 (largest error {quantile:G2})"));

        const int n = 20;
        const double p = 0.3;
        var binomial = new Binomial(p, n);
        var pmfError = Enumerable.Range(0, n + 1).Max(k => Math.Abs(binomial.Probability(k) - ExactBinomial.Pmf(n, k, p)) / ExactBinomial.Pmf(n, k, p));
        var total = Enumerable.Range(0, n + 1).Sum(binomial.Probability);
        var cdfError = Enumerable.Range(0, n + 1).Max(k => Math.Abs(binomial.CumulativeDistribution(k) - Enumerable.Range(0, k + 1).Sum(j => ExactBinomial.Pmf(n, j, p))));
        var mean = Enumerable.Range(0, n + 1).Sum(k => k * binomial.Probability(k));
        var variance = Enumerable.Range(0, n + 1).Sum(k => (k - mean) * (k - mean) * binomial.Probability(k));
        builder.Check(pmfError < 1e-12, string.Create(CultureInfo.InvariantCulture, $"Binomial({n}, {p}): every P(X = k) equals C(n, k)·p^k·(1 − p)^(n − k) (largest relative error {pmfError:G2})"));
        builder.Check(Math.Abs(total - 1) < 1e-12 && cdfError < 1e-12, string.Create(CultureInfo.InvariantCulture,
            $"Binomial({n}, {p}): the masses sum to 1 ({total:R}) and the CDF is their running sum (largest error {cdfError:G2})"));
        builder.Check(Math.Abs(mean - n * p) < 1e-12 && Math.Abs(variance - n * p * (1 - p)) < 1e-12, string.Create(CultureInfo.InvariantCulture,
            $"Binomial({n}, {p}): mean np = {n * p} and variance np(1 − p) = {n * p * (1 - p):0.##} from the masses ({mean:0.############}, {variance:0.############})"));

        var poisson = new Poisson(4);
        var poissonError = Enumerable.Range(0, 40).Max(k => Math.Abs(poisson.Probability(k) - ExactBinomial.PoissonPmf(4, k)) / ExactBinomial.PoissonPmf(4, k));
        builder.Check(poissonError < 1e-12, string.Create(CultureInfo.InvariantCulture, $"Poisson(4): every P(X = k) equals e^(−λ)·λ^k/k! for k < 40 (largest relative error {poissonError:G2})"));

        var exponential = new Exponential(1.5);
        var expError = new[] { 0.1, 0.5, 1, 2, 5 }.Max(x => Math.Abs(exponential.CumulativeDistribution(x) - (1 - Math.Exp(-1.5 * x))));
        var expQuantile = new[] { 0.1, 0.5, 0.9, 0.999 }.Max(q => Math.Abs(exponential.InverseCumulativeDistribution(q) + Math.Log(1 - q) / 1.5));
        builder.Check(expError < 1e-15 && expQuantile < 1e-12, string.Create(CultureInfo.InvariantCulture,
            $"Exponential(1.5): F(x) = 1 − e^(−λx) and F⁻¹(q) = −ln(1 − q)/λ (largest errors {expError:G2}, {expQuantile:G2})"));
    }

    /// <summary>Counts of 0..top, everything above top in the last bin.</summary>
    internal static long[] Counts(IEnumerable<int> values, int top)
    {
        var counts = new long[top + 1];
        foreach (var v in values) counts[Math.Clamp(v, 0, top)]++;
        return counts;
    }

    private static PlotRef NormalPlot(ExperimentContext context, double[] samples, Normal model)
    {
        const int bins = 60;
        double lo = model.Mean - 4 * model.StdDev, hi = model.Mean + 4 * model.StdDev, width = (hi - lo) / bins;
        var counts = new double[bins];
        foreach (var x in samples)
            if (x >= lo && x < hi) counts[(int)((x - lo) / width)]++;
        var plot = new ScottPlot.Plot();
        var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(i => lo + (i + 0.5) * width).ToArray(), counts.Select(c => c / samples.Length / width).ToArray());
        foreach (var bar in bars.Bars) bar.Size = width;
        bars.LegendText = "simulated (lab's Box–Muller), density";
        var xs = Enumerable.Range(0, 200).Select(i => lo + i * (hi - lo) / 199).ToArray();
        plot.Add.Scatter(xs, xs.Select(model.Density).ToArray()).LegendText = "N(1, 2²) density";
        plot.Title($"{samples.Length:N0} normal samples against the density");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return context.SavePlot(plot, "normal-histogram.png", "Histogram of the lab's normal samples against the normal density");
    }

    private static PlotRef BinomialPlot(ExperimentContext context, int[] samples, double[] probabilities)
    {
        var counts = Counts(samples, probabilities.Length - 1);
        var plot = new ScottPlot.Plot();
        var simulated = plot.Add.Bars(Enumerable.Range(0, counts.Length).Select(k => k - 0.2).ToArray(), counts.Select(c => (double)c / samples.Length).ToArray());
        simulated.LegendText = "simulated frequency (lab's Bernoulli sum)";
        var theory = plot.Add.Bars(Enumerable.Range(0, counts.Length).Select(k => k + 0.2).ToArray(), probabilities);
        theory.LegendText = "P(X = k), MathNet";
        foreach (var bar in simulated.Bars.Concat(theory.Bars)) bar.Size = 0.4;
        plot.Axes.Bottom.Label.Text = "k";
        plot.Title($"Binomial(20, 0.3): {samples.Length:N0} samples against the masses");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return context.SavePlot(plot, "binomial-frequencies.png", "Simulated binomial frequencies against the probability masses");
    }
}
