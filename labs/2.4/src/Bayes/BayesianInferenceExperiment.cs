using MathNet.Numerics.Distributions;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.NumericalMethods.Hypothesis;

namespace StatelessMind.Labs.NumericalMethods.Bayes;

/// <summary>
/// Goal 2.4-1: on one simulated A/B test, Bayesian posteriors by MCMC (random-walk Metropolis–Hastings and HMC, four
/// chains each) held against the conjugate answers (Beta–Binomial for the conversion rate, Normal–Normal for the mean
/// of a measurement) within Monte-Carlo error, with split R̂ and ESS; and frequentist tests on the same data (t-tests,
/// chi-square, Mann–Whitney) whose p-values are held against tails integrated from the densities or enumerated, and
/// whose rejection rate under a true null is held to the test's level.
/// </summary>
public sealed class BayesianInferenceExperiment : IExperiment
{
    public const string WorstMeanError = "largest |MCMC mean − exact| in Monte-Carlo standard errors";
    public const string WorstRhat = "largest split R-hat";
    public const string SmallestEss = "smallest effective sample size";
    public const string WorstPValueError = "largest |p − reference p|";
    public const string WelchSize = "Welch t rejection rate under H0 at α = 0.05";

    private const int Chains = 4;
    private const double Alpha = 0.05;
    private const int BugRunDraws = 25_000;

    public string GoalId => "2.4-1";
    public string Title => "Bayesian inference by MCMC against conjugate posteriors, and hypothesis tests against their distributions";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var data = AbTestData.Generate(context.Size(200, 1000), context.Seed);
        context.Report(0.05, "MCMC against the conjugate posteriors");
        var draws = context.Size(2000, 10000);
        Posteriors(context, finding, data, draws, cancellationToken);
        context.Report(0.6, "hypothesis tests against reference tails");
        Tests(context, finding, data, cancellationToken);
        return Task.FromResult(finding.Build(
            $"On one simulated A/B test ({data.TrialsB:N0} visitors per arm; {data.Control.Length} and {data.Treatment.Length} measurements), " +
            $"Metropolis–Hastings and HMC each ran {Chains} chains of {draws:N0} draws after as many warm-up steps for a Beta–Binomial and a Normal–Normal posterior, " +
            "and t, chi-square and Mann–Whitney tests ran on the same data and on simulated data under their null hypotheses."));
    }

    private static void Posteriors(ExperimentContext context, FindingBuilder finding, AbTestData data, int draws, CancellationToken ct)
    {
        var models = new[]
        {
            ConjugateModel.BetaBinomial(1, 1, data.SuccessesB, data.TrialsB),
            ConjugateModel.NormalNormal(0, 10, AbTestData.TreatmentSigma, data.Treatment),
        };
        var rows = new List<object?[]>();
        var agreements = new List<PosteriorAgreement>();
        List<double[]>? betaMh = null, betaHmc = null;
        foreach (var model in models)
            foreach (var sampler in new[] { "Metropolis–Hastings", "HMC" })
            {
                ct.ThrowIfCancellationRequested();
                var (chains, acceptance) = Sample(model, sampler, SamplerBug.None, draws, context.Seed);
                var agreement = PosteriorAgreement.Of(chains, model.Posterior, model.PosteriorQuantile, acceptance);
                agreements.Add(agreement);
                if (model == models[0]) (sampler == "HMC" ? ref betaHmc : ref betaMh) = chains;
                rows.Add([model.Name, sampler, agreement.ExactMean, agreement.SampleMean, agreement.MeanStandardError,
                    $"[{agreement.ExactLower:0.####}, {agreement.ExactUpper:0.####}]", $"[{agreement.SampleLower:0.####}, {agreement.SampleUpper:0.####}]",
                    agreement.Rhat, agreement.EffectiveSampleSize, agreement.AcceptanceRate]);
                finding.Check(agreement.MeanAgrees && agreement.VarianceAgrees && agreement.IntervalAgrees,
                    $"{sampler}, {model.Name}: the posterior mean {agreement.SampleMean:G6} (exact {agreement.ExactMean:G6}), variance {agreement.SampleVariance:G4} (exact {agreement.ExactVariance:G4}) and the 95% interval ends lie within {PosteriorAgreement.Tolerance} Monte-Carlo standard errors of the closed form");
                finding.Check(agreement.Converged && agreement.EffectiveSampleSize >= 400,
                    $"{sampler}, {model.Name}: split R-hat {agreement.Rhat:0.####} < {PosteriorAgreement.RhatLimit} and ESS {agreement.EffectiveSampleSize:N0} ≥ 400");
            }
        finding.Table(FindingTable.Of($"MCMC against the conjugate posterior ({Chains} chains × {draws:N0} draws)",
            ["model", "sampler", "exact mean", "MCMC mean", "MC s.e.", "exact 95% interval", "MCMC 95% interval", "split R-hat", "ESS", "acceptance"], rows));
        finding.Figure(WorstMeanError, agreements.Max(a => Math.Abs(a.SampleMean - a.ExactMean) / a.MeanStandardError), "s.e.", key: true, target: $"≤ {PosteriorAgreement.Tolerance}");
        finding.Figure(WorstRhat, agreements.Max(a => a.Rhat), "", key: true, target: $"< {PosteriorAgreement.RhatLimit}");
        finding.Figure(SmallestEss, agreements.Min(a => a.EffectiveSampleSize), "draws", key: true, target: "≥ 400");

        // The planted bugs: the same comparison must fail. Their distortions are a few per cent of the variance, so these
        // runs take enough draws for the Monte-Carlo error to be well below that at either scale.
        foreach (var (sampler, bug) in new[] { ("Metropolis–Hastings", SamplerBug.RejectionNotRecorded), ("HMC", SamplerBug.AcceptanceIgnoresKineticEnergy) })
        {
            var model = models[1];
            var (chains, acceptance) = Sample(model, sampler, bug, BugRunDraws, context.Seed);
            var broken = PosteriorAgreement.Of(chains, model.Posterior, model.PosteriorQuantile, acceptance);
            finding.Check(!broken.Agrees,
                $"the comparison catches the planted bug {bug} ({sampler}: mean {broken.SampleMean:G5} vs {broken.ExactMean:G5}, variance {broken.SampleVariance:G4} vs {broken.ExactVariance:G4}, interval [{broken.SampleLower:G4}, {broken.SampleUpper:G4}] vs [{broken.ExactLower:G4}, {broken.ExactUpper:G4}], R-hat {broken.Rhat:0.###})");
        }
        PlotPosterior(context, finding, models[0], betaMh!, betaHmc!);
    }

    /// <summary>Four chains from dispersed starts, each with its own seed; draws mapped to the model's parameter.</summary>
    internal static (List<double[]> Chains, double Acceptance) Sample(ConjugateModel model, string sampler, SamplerBug bug, int draws, int seed)
    {
        var chains = new List<double[]>();
        var acceptance = 0.0;
        double[] offsets = [-2, -1, 1, 2];
        for (var c = 0; c < Chains; c++)
        {
            var random = new Random(seed + 7919 * (c + 1));
            var start = new[] { model.Start + offsets[c] };
            var chain = sampler == "HMC"
                ? new HamiltonianMonteCarlo(model.Target, 10, bug).Run(start, draws, draws, 0.1, random)
                : new MetropolisHastings(model.Target, bug).Run(start, draws, draws, 0.5, random);
            chains.Add(chain.Coordinate(0, model.ToParameter));
            acceptance += chain.AcceptanceRate / Chains;
        }
        // A chain with a planted bug may record fewer draws; diagnostics need equal lengths.
        var shortest = chains.Min(c => c.Length);
        return ([.. chains.Select(c => c[..shortest])], acceptance);
    }

    private static void PlotPosterior(ExperimentContext context, FindingBuilder finding, ConjugateModel model, List<double[]> mh, List<double[]> hmc)
    {
        var plot = new ScottPlot.Plot();
        var all = mh.Concat(hmc).SelectMany(c => c).ToArray();
        double lo = all.Min(), hi = all.Max();
        foreach (var (name, chains) in new[] { ("Metropolis–Hastings", mh), ("HMC", hmc) })
        {
            var (centres, density) = DensityHistogram(chains.SelectMany(c => c).ToArray(), lo, hi, 40);
            var line = plot.Add.Scatter(centres, density);
            line.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
            line.LegendText = $"{name} draws";
        }
        var xs = Enumerable.Range(0, 200).Select(i => lo + (hi - lo) * i / 199.0).ToArray();
        var exact = plot.Add.Scatter(xs, xs.Select(model.Posterior.Density).ToArray());
        exact.MarkerSize = 0;
        exact.LineWidth = 2;
        exact.LegendText = "exact Beta posterior";
        plot.Title($"Posterior of p: {model.Name}");
        plot.XLabel("p");
        plot.YLabel("density");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "posterior-beta.png", "MCMC draws of the conversion rate against the exact Beta posterior"));

        var trace = new ScottPlot.Plot();
        for (var c = 0; c < mh.Count; c++)
        {
            var n = Math.Min(500, mh[c].Length);
            var line = trace.Add.Scatter(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), mh[c][..n]);
            line.MarkerSize = 0;
            line.LegendText = $"chain {c + 1}";
        }
        trace.Title("Metropolis–Hastings traces after warm-up (first 500 draws of each chain)");
        trace.XLabel("draw");
        trace.YLabel("p");
        trace.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(trace, "trace-mh.png", "Four Metropolis–Hastings chains from dispersed starts"));
    }

    internal static (double[] Centres, double[] Density) DensityHistogram(double[] values, double lo, double hi, int bins)
    {
        var width = (hi - lo) / bins;
        var counts = new double[bins];
        foreach (var v in values) counts[Math.Clamp((int)((v - lo) / width), 0, bins - 1)]++;
        return ([.. Enumerable.Range(0, bins).Select(i => lo + i * width)], [.. counts.Select(c => c / (values.Length * width))]);
    }

    private static void Tests(ExperimentContext context, FindingBuilder finding, AbTestData data, CancellationToken ct)
    {
        var tests = new HypothesisTests();
        var table = new long[,] { { data.SuccessesA, data.TrialsA - data.SuccessesA }, { data.SuccessesB, data.TrialsB - data.SuccessesB } };
        var smallX = data.Control[..8];
        var smallY = data.Treatment[..7];
        var results = new List<(TestResult Result, double Reference, string How)>();
        void Add(TestResult r, double reference, string how) => results.Add((r, reference, how));
        var oneSample = tests.OneSampleT(data.Control, AbTestData.ControlMean);
        Add(oneSample, ReferenceTails.StudentTTwoSided(oneSample.Statistic, oneSample.DegreesOfFreedom), "t density integrated");
        var welch = tests.WelchT(data.Control, data.Treatment, "control", "treatment");
        Add(welch, ReferenceTails.StudentTTwoSided(welch.Statistic, welch.DegreesOfFreedom), "t density integrated");
        var paired = tests.PairedT(data.Before, data.After);
        Add(paired, ReferenceTails.StudentTTwoSided(paired.Statistic, paired.DegreesOfFreedom), "t density integrated");
        var independence = tests.ChiSquareIndependence(table);
        Add(independence, ReferenceTails.ChiSquareUpper(independence.Statistic, independence.DegreesOfFreedom), "chi-square density integrated");
        var fit = tests.ChiSquareGoodnessOfFit(data.DieRolls, [.. Enumerable.Repeat(1 / 6.0, 6)]);
        Add(fit, ReferenceTails.ChiSquareUpper(fit.Statistic, fit.DegreesOfFreedom), "chi-square density integrated");
        var mannWhitney = tests.MannWhitneyU(smallX, smallY);
        Add(mannWhitney, ReferenceTails.MannWhitneyByEnumeration(smallX, smallY), $"all C({smallX.Length + smallY.Length}, {smallX.Length}) splits enumerated");

        finding.Table(FindingTable.Of("Tests on the A/B data, each p-value beside a reference computed another way",
            ["test", "statistic", "df", "p-value", "reference p", "reference from"],
            results.Select(r => new object?[] { r.Result.Test, r.Result.Statistic, r.Result.DegreesOfFreedom, r.Result.PValue.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), r.Reference.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), r.How })));
        var worst = results.Max(r => Math.Abs(r.Result.PValue - r.Reference));
        finding.Figure(WorstPValueError, worst, "", key: true, target: "≤ 1e-7");
        foreach (var r in results)
            finding.Check(Math.Abs(r.Result.PValue - r.Reference) <= 1e-7,
                $"{r.Result.Test}: p = {r.Result.PValue:G6} equals the reference {r.Reference:G6} ({r.How}) to within 1e-7");
        finding.Check(welch.PValue < Alpha,
            $"the tests see the planted effect: the treatment shifts the mean by {AbTestData.TreatmentMean - AbTestData.ControlMean} (Welch p = {welch.PValue:G3})");

        // Under a true null the rejection rate must match the level (Monte-Carlo binomial error).
        ct.ThrowIfCancellationRequested();
        var replications = context.Size(1000, 5000);
        var welchRate = NullRejectionRate(tests, replications, context.Seed, (t, x, y) => t.WelchT(x, y).PValue);
        var mwSize = ExactMannWhitneySize(8, 7);
        var mwRate = NullRejectionRate(tests, replications, context.Seed + 1, (t, x, y) => t.MannWhitneyU(x[..8], y[..7]).PValue);
        var welchBand = 4 * Math.Sqrt(Alpha * (1 - Alpha) / replications);
        var mwBand = 4 * Math.Sqrt(mwSize * (1 - mwSize) / replications);
        finding.Figure(WelchSize, welchRate, "", key: true, target: $"{Alpha} ± {welchBand:0.###}");
        finding.Figure("exact Mann–Whitney rejection rate under H0 (n = 8, 7)", mwRate, "", target: $"{mwSize:0.####} ± {mwBand:0.###}");
        finding.Check(Math.Abs(welchRate - Alpha) <= welchBand,
            $"Welch's test rejects a true null (unequal variances and sizes) in {welchRate:P2} of {replications:N0} data sets, within {welchBand:P2} of α = {Alpha:P0}");
        finding.Check(Math.Abs(mwRate - mwSize) <= mwBand,
            $"the exact Mann–Whitney test rejects a true null in {mwRate:P2} of {replications:N0} data sets, within {mwBand:P2} of its exact size {mwSize:P2} (≤ α: U is discrete)");

        var buggy = new HypothesisTests(HypothesisTestBug.OneTailOnly);
        var buggyWelch = buggy.WelchT(data.Control, data.Treatment);
        var buggyRate = NullRejectionRate(buggy, replications, context.Seed, (t, x, y) => t.WelchT(x, y).PValue);
        finding.Check(Math.Abs(buggyWelch.PValue - ReferenceTails.StudentTTwoSided(buggyWelch.Statistic, buggyWelch.DegreesOfFreedom)) > 1e-7
            && Math.Abs(buggyRate - Alpha) > welchBand,
            $"the reference and the size checks catch the planted bug OneTailOnly (p halved; rejection rate under H0 {buggyRate:P2})");
        var ties = data.Control.Select(v => Math.Round(v)).ToArray();
        var tiesY = data.Treatment.Select(v => Math.Round(v)).ToArray();
        var buggyU = new HypothesisTests(HypothesisTestBug.TiesCountAsWins).MannWhitneyU(ties, tiesY).Statistic;
        finding.Check(Math.Abs(buggyU - RankSumU(ties, tiesY)) > 0.25,
            $"the rank-sum identity U = R₁ − n₁(n₁ + 1)/2 catches the planted bug TiesCountAsWins on rounded data (U {buggyU} vs {RankSumU(ties, tiesY)})");
    }

    /// <summary>Share of data sets drawn under H0 (equal means, σ 2 and 3, sizes 20 and 12) with p &lt; α.</summary>
    internal static double NullRejectionRate(HypothesisTests tests, int replications, int seed, Func<HypothesisTests, double[], double[], double> pValue)
    {
        var random = new Random(seed);
        var rejected = 0;
        for (var r = 0; r < replications; r++)
        {
            var x = Enumerable.Range(0, 20).Select(_ => Normal.Sample(random, 0, 2)).ToArray();
            var y = Enumerable.Range(0, 12).Select(_ => Normal.Sample(random, 0, 3)).ToArray();
            if (pValue(tests, x, y) < Alpha) rejected++;
        }
        return (double)rejected / replications;
    }

    /// <summary>The exact size of the two-sided exact Mann–Whitney test at α: P(p(U) &lt; α) under H0.</summary>
    internal static double ExactMannWhitneySize(int n1, int n2)
    {
        var distribution = new MannWhitneyDistribution(n1, n2);
        return Enumerable.Range(0, n1 * n2 + 1).Where(u => distribution.TwoSidedPValue(u) < Alpha).Sum(distribution.Probability);
    }

    /// <summary>U from the rank sum of the first sample, with mid-ranks for ties.</summary>
    internal static double RankSumU(double[] first, double[] second)
    {
        var pooled = first.Concat(second).Order().ToArray();
        double MidRank(double v)
        {
            var below = pooled.Count(p => p < v);
            var equal = pooled.Count(p => p == v);
            return below + (equal + 1) / 2.0;
        }
        return first.Sum(MidRank) - first.Length * (first.Length + 1) / 2.0;
    }
}
