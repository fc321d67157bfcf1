using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.SystemsProgramming.Allocation;

namespace StatelessMind.Labs.SystemsProgramming;

/// <summary>
/// Goal 4.5-2: the C allocator (segregated size classes with thread caches, a boundary-tag heap with
/// coalescing, mmap for large blocks) beside glibc malloc. Time and peak RSS on four workloads modelled on
/// mimalloc-bench, each run in its own process (allocbench); the heap check after every sm_alloc run; then
/// the allocator used from C#: churn through P/Invoke against NativeMemory.Alloc, and the heap's
/// fragmentation after a mixed set of NativeBuffers is half freed.
/// </summary>
public sealed class AllocatorExperiment : IExperiment
{
    public const double ChurnTarget = 1.5;

    public string GoalId => "4.5-2";
    public string Title => "A custom allocator in C: speed and memory against glibc malloc, used from C#";

    public async Task<Finding> RunAsync(ExperimentContext ctx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var finding = new FindingBuilder(GoalId, Title);
        var reps = ctx.Size(1, 3);
        ctx.Report(0.05, "allocbench: glibc malloc and sm_alloc, each workload in its own process");
        var runs = await AllocBench.RunAsync(ctx.Size("small", "full"), reps, cancellationToken);
        var comparisons = AllocBench.Compare(runs);
        finding.Table(FindingTable.Of($"sm_alloc against glibc malloc (allocbench --scale {ctx.Size("small", "full")}, best CPU time and lowest peak RSS of {reps} run(s) each)",
            ["workload", "operations", "glibc CPU s", "sm CPU s", "speed-up (glibc/sm)", "glibc peak RSS MiB", "sm peak RSS MiB", "RSS ratio (sm/glibc)", "heap check"],
            comparisons.Select(c => new object?[]
            {
                c.Workload, c.Operations, c.GlibcCpuSeconds, c.SmCpuSeconds, c.SpeedUp, c.GlibcMaxRssKb / 1024.0, c.SmMaxRssKb / 1024.0, c.RssRatio,
                c.HeapChecksOk ? "ok" : "FAILED",
            })));
        foreach (var c in comparisons)
        {
            var isChurn = c.Workload == "churn";
            finding.Figure($"speed-up over glibc, {c.Workload}", c.SpeedUp, "×", key: true, target: isChurn ? $"≥ {ChurnTarget}×" : null);
            finding.Figure($"peak RSS vs glibc, {c.Workload}", c.RssRatio, "×", key: true);
        }
        finding.Check(comparisons.Count == AllocBench.Workloads.Length && comparisons.All(c => c.HeapChecksOk),
            "after every workload the heap check passes: no overlap, free blocks coalesced, counts add up");
        var churn = comparisons.Single(c => c.Workload == "churn");
        if (ctx.Scale == Scale.Full)
            finding.Check(churn.SpeedUp >= ChurnTarget, $"small-object churn, single-threaded: sm_alloc is {churn.SpeedUp:0.##}× glibc (target ≥ {ChurnTarget}×)");
        else
            finding.Note($"At this small scale churn runs {churn.Operations:N0} operations once; the ≥ {ChurnTarget}× target is judged at full scale " +
                         $"(here: {churn.SpeedUp.ToString("0.##", CultureInfo.InvariantCulture)}×).");

        ctx.Report(0.7, "churn from C#: NativeMemory.Alloc against sm_malloc through P/Invoke");
        var managed = ManagedChurn.Measure(ctx.Size(300_000L, 5_000_000L), ctx.Size(1, 3), ctx.Seed);
        finding.Figure("churn from C#: NativeMemory.Alloc (glibc)", managed.GlibcNsPerOp, "ns/op", key: true);
        finding.Figure("churn from C#: sm_malloc via P/Invoke", managed.SmNsPerOp, "ns/op", key: true);
        finding.Figure("speed-up over glibc, churn from C#", managed.SpeedUp, "×", key: true);

        ctx.Report(0.85, "fragmentation after a mixed set of NativeBuffers is half freed");
        Fragmentation(ctx, finding);

        finding.Plot(ctx.SavePlot(RatioPlot(comparisons), "allocator-ratios.png", "sm_alloc against glibc malloc: speed-up (time ratio) and peak RSS ratio per workload"));
        finding.Note("Times are CPU time of the workload inside its own process (the machine is shared, so waiting for a core is left out); " +
                     "each workload alternates the two allocators. Peak RSS is the process's ru_maxrss, which includes the benchmark's own ~2 MiB.");
        var summary = $"Small-object churn: sm_alloc ran at {churn.SpeedUp.ToString("0.##", CultureInfo.InvariantCulture)}× glibc's speed (target ≥ {ChurnTarget}× at full scale) at " +
                      $"{churn.RssRatio.ToString("0.##", CultureInfo.InvariantCulture)}× its peak RSS; " +
                      string.Join("; ", comparisons.Where(c => c.Workload != "churn").Select(c =>
                          $"{c.Workload} {c.SpeedUp.ToString("0.##", CultureInfo.InvariantCulture)}× / RSS {c.RssRatio.ToString("0.##", CultureInfo.InvariantCulture)}×")) + ".";
        return finding.Build(summary);
    }

    /// <summary>A mixed population of buffers, every other one freed, then the heap's shape; all freed at the end.</summary>
    private static void Fragmentation(ExperimentContext ctx, FindingBuilder finding)
    {
        var count = ctx.Size(5_000, 50_000);
        var rng = new Random(ctx.Seed);
        var before = SmAllocator.Statistics;
        var buffers = new List<NativeBuffer>(count);
        long requested = 0;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var roll = rng.Next(100);
                var size = roll < 70 ? rng.Next(8, 257) : roll < 95 ? rng.Next(257, 4097) : rng.Next(4097, 65537);
                var b = new NativeBuffer(size);
                b.Span.Fill((byte)i);
                buffers.Add(b);
            }
            // Free a random half: holes appear between survivors; the medium ones must coalesce where adjacent.
            foreach (var i in Enumerable.Range(0, count).OrderBy(_ => rng.Next()).Take(count / 2)) buffers[i].Dispose();
            var survivors = buffers.Where(b => !b.IsDisposed).ToList();
            requested = survivors.Sum(b => (long)b.Length);
            var intact = survivors.All(b => b.Span[0] == b.Span[^1]);
            var s = SmAllocator.Statistics;
            var check = SmAllocator.CheckHeap();
            finding.Figure("live bytes / bytes requested (size-class rounding)", (double)(s.LiveBytes - before.LiveBytes) / requested, "×", key: true);
            finding.Figure("resident estimate / live bytes, after freeing half", (double)s.ResidentEstimate / s.LiveBytes, "×", key: true);
            finding.Figure("medium free space outside its largest block (external fragmentation)", s.ExternalFragmentation * 100, "%", key: true);
            finding.Check(check.Ok && intact, $"after {count:N0} NativeBuffers were allocated from C# and a random half freed, the heap check passes " +
                                              $"({check.BlocksChecked:N0} blocks) and every surviving buffer still holds its bytes{(check.Ok ? "" : ": " + check.Message)}");
        }
        finally
        {
            foreach (var b in buffers) b.Dispose();
        }
        var after = SmAllocator.Statistics;
        finding.Check(after.LiveBlocks == before.LiveBlocks, $"disposing every NativeBuffer returns the live block count to where it was ({before.LiveBlocks:N0})");
    }

    private static ScottPlot.Plot RatioPlot(IReadOnlyList<AllocatorComparison> comparisons)
    {
        var plot = new ScottPlot.Plot();
        for (var i = 0; i < comparisons.Count; i++)
        {
            var c = comparisons[i];
            plot.Add.Bar(new ScottPlot.Bar { Position = i * 3, Value = c.SpeedUp, FillColor = ScottPlot.Colors.SteelBlue, Label = c.SpeedUp.ToString("0.##", CultureInfo.InvariantCulture) });
            plot.Add.Bar(new ScottPlot.Bar { Position = i * 3 + 1, Value = c.RssRatio, FillColor = ScottPlot.Colors.DarkOrange, Label = c.RssRatio.ToString("0.##", CultureInfo.InvariantCulture) });
        }
        plot.Axes.Bottom.SetTicks(comparisons.Select((_, i) => i * 3 + 0.5).ToArray(), comparisons.Select(c => c.Workload).ToArray());
        var one = plot.Add.HorizontalLine(1);
        one.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = "speed-up (glibc time / sm time)", FillColor = ScottPlot.Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = "peak RSS (sm / glibc)", FillColor = ScottPlot.Colors.DarkOrange });
        plot.ShowLegend();
        plot.Legend.Alignment = ScottPlot.Alignment.UpperRight;
        plot.Axes.SetLimitsY(0, comparisons.Max(c => Math.Max(c.SpeedUp, c.RssRatio)) * 1.35); // headroom for the legend
        plot.Title("sm_alloc against glibc malloc");
        plot.YLabel("ratio");
        return plot;
    }
}
