using System.Globalization;
using Microsoft.Data.Analysis;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Programming.Vectorization;

namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// Goal 1.3-1: cleans and analyses a generated messy orders table with Microsoft.Data.Analysis (every step's effect
/// checked against the planted defects and against an independent LINQ computation), then times the scalar loops
/// against the <see cref="System.Numerics.Vector{T}"/> and TensorPrimitives kernels in the same run and reports the
/// speed-ups. The speed-up target is a check at full scale only.
/// </summary>
public sealed class DataFramesVectorizationExperiment : IExperiment
{
    public const int Seed = 20261204;

    /// <summary>The stated target: the vectorised dot product at least this many times faster than the scalar loop (in cache).</summary>
    public const double DotSpeedupTarget = 2.0;

    public string GoalId => "1.3-1";
    public string Title => "DataFrames and vectorization: cleaning a messy table, and vectorised kernels against scalar loops";

    public Task<Finding> RunAsync(ExperimentContext ctx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var finding = new FindingBuilder(GoalId, Title);
        ctx.Report(0.05, "generating and cleaning the orders");
        var report = RunCleaning(ctx, finding);
        cancellationToken.ThrowIfCancellationRequested();
        var timings = RunKernels(ctx, finding, cancellationToken);

        var dot = timings.Where(t => t.Kernel == "dot" && t.InCache).MaxBy(t => t.Elements)!;
        var summary = $"Cleaning {report.RowsIn:N0} rows dropped {report.DuplicatesDropped:N0} duplicates, {report.UnparsableRowsDropped:N0} unparsable rows and " +
                      $"{report.OutliersDropped:N0} outliers, respelled {report.CategoriesRespelled:N0} categories and imputed {report.PricesImputed:N0} prices; " +
                      $"the dot product of {dot.Elements:N0} floats ran {dot.VectorSpeedup.ToString("0.#", CultureInfo.InvariantCulture)}× faster with Vector<T> and " +
                      $"{dot.TensorSpeedup.ToString("0.#", CultureInfo.InvariantCulture)}× with TensorPrimitives than the scalar loop.";
        return Task.FromResult(finding.Build(summary));
    }

    private static CleaningReport RunCleaning(ExperimentContext ctx, FindingBuilder finding)
    {
        var spec = new MessyOrdersSpec(ctx.Size(20_000, 200_000), Seed);
        var data = MessyOrders.Generate(spec);
        var raw = CsvFrameLoader.LoadString(data.OrdersCsv, "orders.csv", OrdersSchema.OrderColumns);
        var stores = OrderAnalysis.TypeStores(CsvFrameLoader.LoadString(data.StoresCsv, "stores.csv", OrdersSchema.StoreColumns));
        var cleaned = new OrderCleaner().Clean(raw);
        var analysis = new OrderAnalysis();
        var joined = analysis.JoinStores(cleaned.Frame, stores);
        var byRegion = OrderAnalysis.RevenueByRegion(joined);
        var byCategory = OrderAnalysis.ByCategory(cleaned.Frame);
        var reference = OrdersReference.Compute(data.OrdersCsv, data.StoresCsv);
        var (r, p) = (cleaned.Report, data.Planted);

        finding.Check(r.Balances && r.RowsIn == p.Orders + p.DuplicateRows,
            $"every one of the {r.RowsIn:N0} input rows is kept ({r.RowsOut:N0}) or dropped by exactly one step ({r.RowsDropped:N0})");
        finding.Check(r.DuplicatesDropped == p.DuplicateRows && r.DuplicatesDropped == reference.Duplicates,
            $"duplicates dropped = duplicate rows planted = LINQ's Distinct ({p.DuplicateRows:N0})");
        finding.Check(r.UnparsableRowsDropped == p.BadQuantities && r.UnparsableRowsDropped == reference.Unparsable,
            $"rows dropped for an unreadable quantity = quantities spoiled by the generator = LINQ's count ({p.BadQuantities:N0})");
        finding.Check(r.OutliersDropped == p.Outliers && r.OutliersDropped == reference.Outliers,
            $"outliers beyond Q3 + 3·IQR dropped = outliers planted = LINQ's count ({p.Outliers:N0})");
        finding.Check(r.UnknownCategoriesDropped == 0 && r.CategoriesRespelled == reference.Respelled && r.PricesImputed == reference.Imputed,
            $"every category spelling is recognised; respelled ({r.CategoriesRespelled:N0}) and imputed prices ({r.PricesImputed:N0}) match LINQ's counts");
        finding.Check(cleaned.Frame.Columns.All(c => c.NullCount == 0) &&
                      Distinct((StringDataFrameColumn)cleaned.Frame[OrdersSchema.Category]).SetEquals(OrdersSchema.Categories),
            "the clean frame has no nulls and exactly the five canonical categories");
        finding.Check(joined.Rows.Count == cleaned.Frame.Rows.Count,
            $"the left join keeps every order, including the {reference.OrdersByRegion.GetValueOrDefault(OrdersSchema.NoStore):N0} of stores missing from the stores table");
        var regionError = MaxRelativeError(byRegion, OrdersSchema.Region, OrdersSchema.Revenue, reference.RevenueByRegion);
        var categoryError = MaxRelativeError(byCategory, OrdersSchema.Category, OrdersSchema.Revenue, reference.RevenueByCategory);
        finding.Check(byRegion.Rows.Count == reference.RevenueByRegion.Count && regionError < 1e-9 && categoryError < 1e-9,
            $"group-by revenue per region and per category equals the LINQ group sums (largest relative difference {Math.Max(regionError, categoryError):0.0e+0})");

        finding.Figure("rows in the messy orders table", r.RowsIn, "rows");
        finding.Figure("rows dropped as duplicates", r.DuplicatesDropped, "rows");
        finding.Figure("rows dropped as unparsable", r.UnparsableRowsDropped, "rows");
        finding.Figure("rows dropped as outliers", r.OutliersDropped, "rows");
        finding.Figure("categories respelled", r.CategoriesRespelled, "values");
        finding.Figure("prices imputed", r.PricesImputed, "values");
        finding.Figure("rows after cleaning", r.RowsOut, "rows", key: true);

        var rows = new List<object?[]>();
        var regions = (StringDataFrameColumn)byRegion[OrdersSchema.Region];
        for (long i = 0; i < byRegion.Rows.Count; i++)
            rows.Add([regions[i], byRegion["orders"][i], Math.Round(Convert.ToDouble(byRegion[OrdersSchema.Revenue][i], CultureInfo.InvariantCulture), 2)]);
        finding.Table(FindingTable.Of("Revenue per region after the left join (orders of unknown stores kept)", ["region", "orders", "revenue"], rows));
        finding.Note($"Data: {spec.Rows:N0} generated orders, seed {spec.Seed}; missing prices {spec.MissingPriceRate:P0}, unparsable prices {spec.BadPriceRate:P0}, " +
                     $"unparsable quantities {spec.BadQuantityRate:P0}, outliers {spec.OutlierRate:P1}, duplicate rows {spec.DuplicateRate:P0}, " +
                     $"misspelled categories {spec.MisspelledCategoryRate:P0}, {spec.UnknownStores} of {spec.Stores + spec.UnknownStores} store ids unknown to the stores table.");
        return r;
    }

    private static List<KernelTiming> RunKernels(ExperimentContext ctx, FindingBuilder finding, CancellationToken cancellationToken)
    {
        int[] sizes = ctx.Size(new[] { 1_000, 50_000 }, new[] { 1_000, 50_000, 4_000_000 });
        var repetitions = ctx.Size(15, 41);
        var timings = new List<KernelTiming>();
        var vector = VectorKernels.Correct;
        var allAgree = true;
        foreach (var (n, s) in sizes.Select((n, s) => (n, s)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ctx.Report(0.3 + 0.6 * s / sizes.Length, $"timing kernels on {n:N0} floats");
            var rng = new Random(Seed + n);
            var x = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            var y = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            var destination = new float[n];
            var inCache = n * 2 * sizeof(float) <= 1 << 20;
            float sink = 0;
            int count = 0;

            allAgree &= Agree(ScalarKernels.Dot(x, y), vector.Dot(x, y), TensorKernels.Dot(x, y), x.Zip(y, (a, b) => Math.Abs((double)a * b)).Sum(), n)
                        && Agree(ScalarKernels.Sum(x), vector.Sum(x), TensorKernels.Sum(x), x.Sum(v => Math.Abs((double)v)), n)
                        && ScalarKernels.CountAbove(x, 0.5f) == vector.CountAbove(x, 0.5f);

            var kernels = new List<(string Kernel, Action[] Implementations, bool HasTensor)>
            {
                ("sum", [() => sink += ScalarKernels.Sum(x), () => sink += vector.Sum(x), () => sink += TensorKernels.Sum(x)], true),
                ("dot", [() => sink += ScalarKernels.Dot(x, y), () => sink += vector.Dot(x, y), () => sink += TensorKernels.Dot(x, y)], true),
                ("axpy", [() => ScalarKernels.Axpy(2.5f, x, y, destination), () => vector.Axpy(2.5f, x, y, destination), () => TensorKernels.Axpy(2.5f, x, y, destination)], true),
                ("count > t", [() => count += ScalarKernels.CountAbove(x, 0.5f), () => count += vector.CountAbove(x, 0.5f)], false),
                ("z-score", [() => ScalarKernels.ZScore(x, destination), () => TensorKernels.ZScore(x, destination)], false),
            };
            // Before the first timing, call everything in turn for a while: the JIT's tiering replaces unoptimised code
            // (TensorPrimitives arrives as ready-to-run code without the AVX2/AVX-512 paths) only after a quiet spell.
            if (s == 0) KernelTimer.WarmUp(kernels.SelectMany(k => k.Implementations).ToList(), TimeSpan.FromSeconds(2));
            foreach (var (kernel, implementations, hasTensor) in kernels)
            {
                var ns = KernelTimer.MedianNanoseconds(implementations, n, repetitions, TimeSpan.FromMilliseconds(20));
                timings.Add(new KernelTiming(kernel, n, inCache, ns[0], ns[1], hasTensor ? ns[2] : double.NaN));
            }
            GC.KeepAlive(sink);
            GC.KeepAlive(count);
        }

        finding.Check(allAgree, "at every size the Vector<T> and TensorPrimitives sums and dot products equal the scalar loop's within the rounding bound of reordered summation, and the counts are equal");
        var rows = timings.Select(t => new object?[]
        {
            t.Kernel, t.Elements, Math.Round(t.ScalarNs / t.Elements, 3), Math.Round(t.VectorNs / t.Elements, 3),
            double.IsNaN(t.TensorNs) ? "–" : Math.Round(t.TensorNs / t.Elements, 3),
            Math.Round(t.VectorSpeedup, 2), double.IsNaN(t.TensorNs) ? "–" : Math.Round(t.TensorSpeedup, 2),
        }).ToList();
        finding.Table(FindingTable.Of($"Median time per element over {repetitions} repetitions, same run, same inputs (z-score: the second column is TensorPrimitives)",
            ["kernel", "elements", "scalar ns/elem", "Vector<T> ns/elem", "TensorPrimitives ns/elem", "Vector<T> speed-up", "TensorPrimitives speed-up"], rows));

        var inCacheSize = timings.Where(t => t.InCache).Max(t => t.Elements);
        foreach (var t in timings.Where(t => t.Elements == inCacheSize))
        {
            var fastest = Math.Max(t.VectorSpeedup, double.IsNaN(t.TensorSpeedup) ? 0 : t.TensorSpeedup);
            finding.Figure($"speed-up over the scalar loop, {t.Kernel} ({t.Elements:N0} floats)", fastest, "×", key: t.Kernel is "dot" or "sum" or "count > t",
                target: t.Kernel == "dot" ? $"≥ {DotSpeedupTarget}" : null);
        }
        var dot = timings.Single(t => t.Kernel == "dot" && t.Elements == inCacheSize);
        var dotSpeedup = Math.Min(dot.VectorSpeedup, dot.TensorSpeedup);
        finding.Figure("scalar dot product", dot.ScalarNs / dot.Elements, "ns/element");
        if (ctx.Scale == Scale.Full)
            finding.Check(dotSpeedup >= DotSpeedupTarget,
                $"both vectorised dot products (Vector<T> {dot.VectorSpeedup:0.0}×, TensorPrimitives {dot.TensorSpeedup:0.0}×) are at least {DotSpeedupTarget}× faster than the scalar loop on {dot.Elements:N0} floats");
        else
            finding.Note($"At small scale the speed-up target (dot ≥ {DotSpeedupTarget}× the scalar loop) is not checked; measured here: Vector<T> {dot.VectorSpeedup:0.0}×, TensorPrimitives {dot.TensorSpeedup:0.0}×.");
        finding.Note($"Vector<float>.Count = {System.Numerics.Vector<float>.Count} on this machine. Sizes up to {inCacheSize:N0} floats per array fit in L2; " +
                     "the largest size does not fit in any cache, so every version waits on memory as well, and its ratios move more from run to run " +
                     "(with other work on the machine, most of all).");
        finding.Plot(ctx.SavePlot(SpeedupPlot(timings), "speedups.png", "Speed-up of the vectorised kernels over the scalar loop, by kernel and size (dashed: 1×)"));
        return timings;
    }

    private static bool Agree(float scalar, float vectorT, float tensor, double absoluteSum, int n)
    {
        var bound = FloatTolerance.SummationBound(n, absoluteSum);
        return Math.Abs((double)scalar - vectorT) <= bound && Math.Abs((double)scalar - tensor) <= bound;
    }

    private static HashSet<string> Distinct(StringDataFrameColumn column)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < column.Length; i++) if (column[i] is { } s) set.Add(s);
        return set;
    }

    private static double MaxRelativeError(DataFrame grouped, string keyColumn, string valueColumn, IReadOnlyDictionary<string, double> expected)
    {
        var worst = 0.0;
        var keys = (StringDataFrameColumn)grouped[keyColumn];
        for (long i = 0; i < grouped.Rows.Count; i++)
        {
            var actual = Convert.ToDouble(grouped[valueColumn][i], CultureInfo.InvariantCulture);
            if (keys[i] is not { } key || !expected.TryGetValue(key, out var want)) return double.PositiveInfinity;
            worst = Math.Max(worst, Math.Abs(actual - want) / Math.Max(1, Math.Abs(want)));
        }
        return worst;
    }

    private static ScottPlot.Plot SpeedupPlot(IReadOnlyList<KernelTiming> timings)
    {
        var plot = new ScottPlot.Plot();
        var kernels = timings.Select(t => t.Kernel).Distinct().ToArray();
        var sizes = timings.Select(t => t.Elements).Distinct().Order().ToArray();
        ScottPlot.Color[] colors = [ScottPlot.Colors.SteelBlue, ScottPlot.Colors.DarkOrange, ScottPlot.Colors.SeaGreen];
        var group = sizes.Length + 1;
        for (var k = 0; k < kernels.Length; k++)
        {
            for (var s = 0; s < sizes.Length; s++)
            {
                var t = timings.Single(x => x.Kernel == kernels[k] && x.Elements == sizes[s]);
                var best = Math.Max(t.VectorSpeedup, double.IsNaN(t.TensorSpeedup) ? 0 : t.TensorSpeedup);
                plot.Add.Bar(new ScottPlot.Bar { Position = k * group + s, Value = best, FillColor = colors[s % colors.Length], Label = best.ToString("0.#", CultureInfo.InvariantCulture) });
            }
        }
        plot.Axes.Bottom.SetTicks(kernels.Select((_, k) => k * group + (sizes.Length - 1) / 2.0).ToArray(), kernels);
        var one = plot.Add.HorizontalLine(1);
        one.LinePattern = ScottPlot.LinePattern.Dashed;
        for (var s = 0; s < sizes.Length; s++)
            plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = $"{sizes[s]:N0} floats", FillColor = colors[s % colors.Length] });
        plot.ShowLegend();
        plot.Legend.Alignment = ScottPlot.Alignment.UpperRight;
        plot.Axes.SetLimitsY(0, timings.Max(t => Math.Max(t.VectorSpeedup, double.IsNaN(t.TensorSpeedup) ? 0 : t.TensorSpeedup)) * 1.3);
        plot.Title("Vectorised kernels against the scalar loop (best of Vector<T> and TensorPrimitives)");
        plot.YLabel("speed-up (scalar time / vectorised time)");
        return plot;
    }
}
