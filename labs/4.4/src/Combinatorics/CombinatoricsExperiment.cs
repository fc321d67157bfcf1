using System.Diagnostics;
using System.Globalization;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.DiscreteMath.Combinatorics;

/// <summary>
/// Goal 4.4-1: lazy generators of permutations, combinations, multisets and products (itertools' role), each checked
/// against its counting formula, for distinct tuples and for lexicographic order; then counting problems —
/// derangements, poker hands, surjections, Catalan strings, multisets — solved by enumerating and filtering, and
/// compared with their closed forms.
/// </summary>
/// <param name="bug">A generator mistake (tests only): the count or distinctness checks must then fail.</param>
public sealed class CombinatoricsExperiment(GeneratorBug bug) : IExperiment
{
    public static readonly string[] GeneratorNames = ["permutations", "combinations", "combinations with replacement", "product"];

    public CombinatoricsExperiment() : this(GeneratorBug.None) { }

    public string GoalId => "4.4-1";
    public string Title => "Permutations, combinations and products, enumerated lazily and counted against the formulas";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var builder = new FindingBuilder(GoalId, Title);
        var maxN = context.Size(6, 8);
        var audits = new List<GeneratorAudit>();
        foreach (var generator in GeneratorNames)
        foreach (var n in new[] { 0, 1, 2, 3, 5, maxN })
        foreach (var r in new[] { 0, 1, 2, 3, n, n + 1 }.Distinct())
        {
            if (generator is "product" or "combinations with replacement" && Math.Pow(Math.Max(n, 1), r) > 5e6) continue;
            audits.Add(GeneratorAudit.Of(generator, n, r, bug));
        }
        foreach (var generator in GeneratorNames)
        {
            var own = audits.Where(a => a.Generator == generator).ToList();
            var wrong = own.Where(a => !a.Holds).ToList();
            var where = wrong.Count == 0 ? "" : " - wrong at " + string.Join(", ", wrong.Take(3).Select(a =>
                string.Create(CultureInfo.InvariantCulture, $"(n = {a.N}, r = {a.R}: {a.Count} vs {a.Formula}{(a.Distinct ? "" : ", repeats")})")));
            builder.Check(wrong.Count == 0, string.Create(CultureInfo.InvariantCulture,
                $"{generator}: the count equals the formula, the tuples are distinct, well formed and in lexicographic order for all {own.Count} (n, r) tried{where}"));
        }

        // Laziness: 1000! permutations exist; the first three must come without enumerating any of the rest.
        var thousand = Enumerable.Range(0, 1000).ToArray();
        var firstThree = Generators.Permutations(thousand, 1000, bug).Take(3).ToList();
        int[] second = [.. thousand[..998], 999, 998];
        int[] third = [.. thousand[..997], 998, 997, 999];
        builder.Check(firstThree.Count == 3 && Enumerable.SequenceEqual(firstThree[0], thousand) && Enumerable.SequenceEqual(firstThree[1], second) && Enumerable.SequenceEqual(firstThree[2], third),
            "lazy: the first three of the 1000! permutations of 1,000 items come at once and in lexicographic order");

        var ranks = context.Size(8, 13);
        var problems = CountingProblem.Suite(ranks, maxN);
        var rows = new List<object?[]>();
        foreach (var problem in problems)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            var count = problem.Enumerate(bug);
            rows.Add([problem.Question, count, problem.Expected, problem.Formula, watch.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)]);
            builder.Check(count == problem.Expected, string.Create(CultureInfo.InvariantCulture, $"{problem.Question}: {count:N0} enumerated = {problem.Formula} = {problem.Expected:N0}"));
        }

        builder.Table(FindingTable.Of("Generators against their formulas", ["generator", "n", "r", "enumerated", "formula", "distinct", "lexicographic"],
            audits.Where(a => a.N == maxN || a.N == 3).Select(a => (IEnumerable<object?>)[a.Generator, a.N, a.R, a.Count, a.Formula, a.Distinct ? "yes" : "no", a.Ordered ? "yes" : "no"])));
        builder.Table(FindingTable.Of("Counting problems: enumerate and filter, against the closed form", ["question", "enumerated", "formula value", "formula", "ms"], rows));
        builder.Plot(CountsPlot(context, maxN));
        return Task.FromResult(builder
            .Figure("(generator, n, r) cases checked against formulas", audits.Count, "", key: true)
            .Figure("counting problems solved by enumeration", problems.Count, "", key: true)
            .Figure("tuples enumerated in the checks", audits.Sum(a => a.Count), "")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"{GeneratorNames.Length} generators at {audits.Count} (n, r) pairs ({audits.Sum(a => a.Count):N0} tuples) compared with P(n, r), C(n, r), C(n + r − 1, r) and n^r; " +
                $"{problems.Count} counting problems enumerated ({ranks}-rank deck, n = {maxN}) and compared with their closed forms")));
    }

    private static PlotRef CountsPlot(ExperimentContext context, int maxN)
    {
        const int r = 3;
        var ns = Enumerable.Range(1, maxN).ToArray();
        var plot = new ScottPlot.Plot();
        foreach (var generator in GeneratorNames)
        {
            var audits = ns.Select(n => GeneratorAudit.Of(generator, n, r)).ToList();
            var line = plot.Add.Scatter(ns.Select(n => (double)n).ToArray(), audits.Select(a => Math.Log10(Math.Max(1, (double)a.Formula))).ToArray());
            line.LegendText = $"{generator}: formula";
            var points = plot.Add.Markers(ns.Select(n => (double)n).ToArray(), audits.Select(a => Math.Log10(Math.Max(1, a.Count))).ToArray());
            points.LegendText = $"{generator}: enumerated";
        }
        plot.Axes.Bottom.Label.Text = "n";
        plot.Axes.Left.Label.Text = "log10 count";
        plot.Title($"Tuples of size {r} from n items: enumerated (markers) and formula (lines)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return context.SavePlot(plot, "counts.png", "Counts of the four generators for r = 3, enumerated against the formulas");
    }
}
