using System.Globalization;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>
/// Goal 4.6-4: LPT on identical machines against the exact optimum. Seeded random instances with m = 2 … 5 are solved by
/// LPT, by the brute force and by CP-SAT; the two exact answers must agree, and LPT/OPT must never exceed Graham's
/// 4/3 − 1/(3m). Graham's tight family must reach the bound exactly; the planted bugs and the bad inputs must be caught.
/// </summary>
public sealed class LptSchedulingExperiment : IExperiment
{
    public const string WorstRatio = "worst LPT / OPT found (random instances)";
    public const string WorstRatioOfBound = "worst (LPT / OPT) / (4/3 − 1/(3m))";
    public const string LptOptimalShare = "share of random instances where LPT is optimal";
    public const string ExactDisagreements = "instances where brute force and CP-SAT disagree";

    public string GoalId => "4.6-4";
    public string Title => "LPT scheduling against the exact optimum (CP-SAT and brute force), inside Graham's 4/3 − 1/(3m)";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var count = context.Size(120, 800);
        context.Report(0.05, "random instances");
        var ratios = RandomPart(context, finding, count, cancellationToken);
        context.Report(0.8, "Graham's tight family, planted bugs, bad input");
        TightPart(finding);
        InputPart(finding);
        Plot(context, finding, ratios);
        return Task.FromResult(finding.Build(
            $"{count} seeded random instances (m = 2 … 5, m + 1 … min(3m, 12) jobs) were scheduled by LPT and solved exactly by a brute force and by CP-SAT; " +
            "Graham's tight instances for m = 2 … 6 were run the same way, two planted bugs were run against the checks, and three bad inputs were given."));
    }

    private static List<(int Machines, double Ratio)> RandomPart(ExperimentContext context, FindingBuilder finding, int count, CancellationToken cancellationToken)
    {
        var random = new Random(context.Seed);
        var lpt = new LptScheduler();
        var brute = new BruteForceScheduler();
        var cpSat = new CpSatScheduler();
        var ratios = new List<(int, double)>();
        var disagreements = 0;
        var violations = 0;
        var lptOptimal = 0;
        (double Ratio, double OfBound, SchedulingInstance? Instance, long Lpt, long Opt) worst = (0, 0, null, 0, 0);
        var perMachines = new Dictionary<int, double>();
        for (var k = 0; k < count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (k % 20 == 0) context.Report(0.05 + 0.75 * k / count, $"instance {k} of {count}");
            var m = 2 + k % 4;
            var n = random.Next(m + 1, Math.Min(3 * m, 12) + 1);
            // Alternate between lengths of similar size (m … 2m − 1, where Graham's worst case lives) and a wide spread.
            var instance = k % 2 == 0
                ? SchedulingInstances.Random(random, m, n, m, 2L * m - 1)
                : SchedulingInstances.Random(random, m, n, 1, 30);
            var greedy = lpt.Schedule(instance).Makespan;
            var exact = cpSat.Optimum(instance).Makespan;
            if (brute.Optimum(instance).Makespan != exact) disagreements++;
            if (!LptBound.Holds(greedy, exact, m)) violations++;
            if (greedy == exact) lptOptimal++;
            var ratio = (double)greedy / exact;
            ratios.Add((m, ratio));
            perMachines[m] = Math.Max(perMachines.GetValueOrDefault(m), ratio);
            var ofBound = LptBound.FractionOfBound(greedy, exact, m);
            if (ofBound > worst.OfBound) worst = (ratio, ofBound, instance, greedy, exact);
        }
        finding.Check(disagreements == 0, $"the brute force and CP-SAT found the same optimal makespan on {count - disagreements} of {count} instances");
        finding.Check(violations == 0, $"LPT / OPT ≤ 4/3 − 1/(3m) held on {count - violations} of {count} instances");
        finding.Figure(WorstRatio, ratios.Max(r => r.Item2), "", key: true);
        finding.Figure(WorstRatioOfBound, worst.OfBound, "", key: true, target: "≤ 1");
        finding.Figure(LptOptimalShare, (double)lptOptimal / count, "");
        finding.Figure(ExactDisagreements, disagreements, "instances", target: "0");
        finding.Note($"The worst case found, relative to its bound: {worst.Instance} — LPT {worst.Lpt}, optimum {worst.Opt}, ratio {worst.Ratio:0.####} against the bound {LptBound.Ratio(worst.Instance!.Machines):0.####}.");
        finding.Table(FindingTable.Of("Worst LPT / OPT found per machine count", ["m", "instances", "worst LPT / OPT", "bound 4/3 − 1/(3m)"],
            perMachines.OrderBy(p => p.Key).Select(p => new object?[]
            {
                p.Key, ratios.Count(r => r.Item1 == p.Key), Math.Round(p.Value, 4), Math.Round(LptBound.Ratio(p.Key), 4),
            }).ToList()));
        return ratios;
    }

    private static void TightPart(FindingBuilder finding)
    {
        var rows = new List<object?[]>();
        var shortestFirstCaught = false;
        var overPruningCaught = false;
        for (var m = 2; m <= 6; m++)
        {
            var instance = LptBound.TightInstance(m);
            var greedy = new LptScheduler().Schedule(instance).Makespan;
            var exact = new CpSatScheduler().Optimum(instance).Makespan;
            var brute = new BruteForceScheduler().Optimum(instance).Makespan;
            finding.Check(brute == exact && 3L * m * greedy == (4L * m - 1) * exact,
                $"Graham's instance for m = {m}: LPT {greedy}, optimum {exact} (brute force {brute}), a ratio of exactly (4m − 1)/(3m) = {LptBound.Ratio(m):0.####}");
            var spt = new LptScheduler(SchedulingBug.ShortestFirst).Schedule(instance).Makespan;
            shortestFirstCaught |= !LptBound.Holds(spt, exact, m);
            overPruningCaught |= new BruteForceScheduler(SchedulingBug.OverPruning).Optimum(instance).Makespan != exact;
            rows.Add([m, string.Join(" ", instance.Durations), greedy, exact, brute, Math.Round((double)greedy / exact, 4), Math.Round(LptBound.Ratio(m), 4), spt]);
        }
        finding.Table(FindingTable.Of("Graham's tight instances", ["m", "processing times", "LPT", "CP-SAT", "brute force", "LPT / OPT", "bound", "shortest first (planted bug)"], rows));
        finding.Check(shortestFirstCaught, "the bound check catches the planted bug ShortestFirst on Graham's instances");
        finding.Check(overPruningCaught, "the cross-check against CP-SAT catches the planted bug OverPruning on Graham's instances");
    }

    private static void InputPart(FindingBuilder finding)
    {
        RefusalChecks.Expect<MachineCountException>(finding, "an instance with m = 0", () => _ = new SchedulingInstance([3, 4], 0));
        RefusalChecks.Expect<JobDurationException>(finding, "a job of length −2", () => _ = new SchedulingInstance([3, -2, 4], 2));
        RefusalChecks.Expect<InstanceTooLargeException>(finding, "17 jobs for the brute force", () => new BruteForceScheduler().Optimum(new SchedulingInstance(Enumerable.Repeat(5L, 17).ToArray(), 3)));
    }

    private static void Plot(ExperimentContext context, FindingBuilder finding, List<(int Machines, double Ratio)> ratios)
    {
        var plot = new ScottPlot.Plot();
        const double width = 0.01;
        var bins = ratios.GroupBy(r => (int)Math.Floor((r.Ratio - 1) / width + 1e-9)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (bin, n) in bins)
            plot.Add.Bar(new ScottPlot.Bar { Position = 1 + (bin + 0.5) * width, Value = n, Size = width * 0.9, FillColor = ScottPlot.Colors.SteelBlue });
        var colors = new[] { ScottPlot.Colors.DarkOrange, ScottPlot.Colors.Green, ScottPlot.Colors.Purple, ScottPlot.Colors.Red };
        for (var m = 2; m <= 5; m++)
        {
            var line = plot.Add.VerticalLine(LptBound.Ratio(m), 2, colors[m - 2]);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"bound for m = {m}: {LptBound.Ratio(m):0.###}");
        }
        plot.Title($"LPT / OPT over {ratios.Count} random instances");
        plot.XLabel("LPT makespan / optimal makespan");
        plot.YLabel("instances");
        plot.Axes.SetLimitsX(0.99, 1.35);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "lpt-ratio-histogram.png", "How far LPT lands from the optimum, beside Graham's bound 4/3 − 1/(3m) for each m"));
    }
}
