using System.Globalization;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Programming;

/// <summary>
/// Goal 1.3-4: the C growable array (native/c/dynarray). Measures the amortised cost of append — element
/// copies per push for several growth factors beside additive growth, and nanoseconds per push — and
/// verifies the memory side: the unit tests are clean under valgrind (no errors, nothing left at exit),
/// and AddressSanitizer catches the classic pointer-kept-across-realloc bug.
/// </summary>
public sealed class AmortisedAppendExperiment : IExperiment
{
    public string GoalId => "1.3-4";
    public string Title => "A growable array in C: amortised append cost and leak-free memory";

    public async Task<Finding> RunAsync(ExperimentContext ctx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var finding = new FindingBuilder(GoalId, Title);
        var pushes = ctx.Size(200_000L, 20_000_000L);
        // Additive growth copies O(n²) elements in total: it gets a smaller n, which is enough to show it.
        var additivePushes = ctx.Size(100_000L, 1_000_000L);
        GrowthRule[] rules = [GrowthRule.Geometric(1.25), GrowthRule.Geometric(1.5), GrowthRule.Geometric(2), GrowthRule.Geometric(3), GrowthRule.Additive(1024)];

        var runs = new List<GrowthRun>();
        foreach (var (rule, i) in rules.Select((r, i) => (r, i)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ctx.Report(0.1 + 0.5 * i / rules.Length, $"growing an array by {rule.Name}");
            runs.Add(AmortisedGrowth.Measure(rule, rule.IsGeometric ? pushes : additivePushes));
        }

        var rows = new List<object?[]>();
        foreach (var run in runs)
        {
            var (rule, last, worst) = (run.Rule, run.Final, run.Worst);
            rows.Add([rule.Name, last.Pushes, last.Grows, last.CopiesPerPush, worst.CopiesPerPush, worst.Pushes,
                      rule.IsGeometric ? rule.CopiesPerPushBound : double.NaN, last.MovedShare]);
            if (rule.IsGeometric)
                finding.Check(run.StaysWithin(rule.CopiesPerPushBound),
                    $"growth {rule.Name}: copies per push stay ≤ f/(f−1) = {rule.CopiesPerPushBound:0.###} at every size from 1 to {last.Pushes:N0} " +
                    $"(worst {worst.CopiesPerPush:0.####}, after push {worst.Pushes:N0})");
        }
        finding.Table(FindingTable.Of("Element copies made by realloc while pushing (the worst over every size, and the end)",
            ["growth", "pushes", "grows", "copies/push at end", "worst copies/push", "worst at push", "bound f/(f−1)", "share realloc really moved"], rows));

        var doublingRun = runs.Single(r => r.Rule.Factor == 2 && r.Rule.IsGeometric);
        var doubling = doublingRun.Final;
        finding.Figure("copies per push, ×2 growth", doubling.CopiesPerPush, "copies", key: true, target: "≤ 2");
        finding.Figure("worst copies per push at any size, ×2 growth", doublingRun.Worst.CopiesPerPush, "copies", key: true, target: "≤ 2");
        var additiveRun = runs.Single(r => !r.Rule.IsGeometric);
        var (additiveRule, additiveEnd) = (additiveRun.Rule, additiveRun.Final);
        var additiveHalf = additiveRun.Checkpoints.Last(p => p.Pushes <= additiveEnd.Pushes / 2);
        // Proportional to n means: copies per push grow by the same factor as the pushes (ratio ≈ 1).
        var proportionality = additiveEnd.CopiesPerPush / additiveHalf.CopiesPerPush / ((double)additiveEnd.Pushes / additiveHalf.Pushes);
        finding.Figure($"copies per push, {additiveRule.Name} growth ({additiveEnd.Pushes:N0} pushes)", additiveEnd.CopiesPerPush, "copies", key: true);
        finding.Check(additiveEnd.CopiesPerPush > 10 * doubling.CopiesPerPush && proportionality is > 0.75 and < 1.25,
            $"additive growth is not amortised O(1): copies per push grow in proportion to n ({additiveHalf.CopiesPerPush:0.#} at {additiveHalf.Pushes:N0} pushes, " +
            $"{additiveEnd.CopiesPerPush:0.#} at {additiveEnd.Pushes:N0})");

        ctx.Report(0.65, "timing push and get in C");
        // 1M elements, so the timing is of the array, not of page faults (see CVersusRustExperiment).
        var timing = ArrayThroughput.MeasureC(1_000_000, ctx.Size(3, 15));
        finding.Figure("push, ×2 growth (C, through da_push, 1M elements)", timing.PushNsPerOp, "ns/op", key: true);
        finding.Figure("bounds-checked get (C, through da_get)", timing.GetNsPerOp, "ns/op", key: true);

        try
        {
            ctx.Report(0.75, "running the C unit tests under valgrind");
            var memcheck = await Memcheck.RunAsync(NativeArtifacts.CProgram("test_dynarray"), cancellationToken: cancellationToken);
            finding.Figure("valgrind errors in the unit tests", memcheck.Errors, "errors", key: true);
            finding.Figure("bytes still allocated at exit", memcheck.InUseAtExitBytes, "bytes", key: true);
            finding.Check(memcheck.IsClean && memcheck.InUseAtExitBytes == 0 && memcheck.ExitCode == 0,
                "the C unit tests (every operation and error path, incl. injected out-of-memory) run clean under valgrind: no invalid access, nothing left allocated");

            ctx.Report(0.9, "showing the use-after-realloc bug under AddressSanitizer");
            var asan = await UseAfterReallocDemo.RunWithAddressSanitizerAsync(cancellationToken);
            var caught = asan.StandardError.Contains("ERROR: AddressSanitizer: heap-use-after-free", StringComparison.Ordinal);
            finding.Check(caught && asan.ExitCode != 0,
                "AddressSanitizer stops the program that reads through a pointer kept across a realloc (heap-use-after-free)");
            var plain = await UseAfterReallocDemo.RunPlainAsync(cancellationToken);
            finding.Note($"The same program built without ASan exits {plain.ExitCode} and prints: \"{plain.StandardOutput.Trim().Split('\n')[^1]}\" — the bug is silent.");
        }
        catch (ServiceUnavailableException e)
        {
            finding.Unmeasured("memory checks (AddressSanitizer, valgrind)", e.Message);
        }

        finding.Plot(ctx.SavePlot(CopiesPlot(runs), "copies-per-push.png", "Element copies per push as the array grows (log–log): constant for geometric growth, linear for additive"));
        finding.Note("Copies are counted as the textbook model does: each grow preserves every live element. glibc's realloc often avoids " +
                     "the copy (it extends the block in place, or remaps pages for large blocks); the last column is the share it really moved.");
        var summary = $"Doubling costs {doubling.CopiesPerPush.ToString("0.##", CultureInfo.InvariantCulture)} element copies per push after {doubling.Pushes:N0} pushes " +
                      $"(at most {doublingRun.Worst.CopiesPerPush.ToString("0.###", CultureInfo.InvariantCulture)} at any size) and " +
                      $"{timing.PushNsPerOp.ToString("0.#", CultureInfo.InvariantCulture)} ns per push; additive growth by 1024 " +
                      $"reaches {additiveEnd.CopiesPerPush.ToString("0", CultureInfo.InvariantCulture)} copies per push at {additiveEnd.Pushes:N0} elements.";
        return finding.Build(summary);
    }

    private static ScottPlot.Plot CopiesPlot(IEnumerable<GrowthRun> runs)
    {
        var plot = new ScottPlot.Plot();
        foreach (var run in runs)
        {
            var usable = run.Checkpoints.Where(p => p.ElementsCopied > 0).ToList();
            var line = plot.Add.Scatter(usable.Select(p => Math.Log10(p.Pushes)).ToArray(), usable.Select(p => Math.Log10(p.CopiesPerPush)).ToArray());
            line.LegendText = $"growth {run.Rule.Name}";
        }
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = v => Math.Pow(10, v).ToString("#,0.##", CultureInfo.InvariantCulture),
            };
        }
        plot.Title("Amortised cost of push in the C array");
        plot.XLabel("pushes so far");
        plot.YLabel("element copies per push");
        plot.ShowLegend();
        plot.Legend.Alignment = ScottPlot.Alignment.UpperLeft;
        return plot;
    }
}
