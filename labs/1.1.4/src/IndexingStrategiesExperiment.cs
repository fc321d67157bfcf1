using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Storage.Indexing;

namespace StatelessMind.Labs.Storage;

/// <summary>
/// 1.1.4-2: eleven indexing strategies on a generated orders table (3 million rows at full scale), each read
/// with EXPLAIN (ANALYZE, BUFFERS) against the same query without an index, with the index's size, build time
/// and its cost on inserts.
/// </summary>
public sealed class IndexingStrategiesExperiment : IExperiment
{
    public string GoalId => "1.1.4-2";
    public string Title => "Indexing strategies in PostgreSQL, measured with EXPLAIN (ANALYZE, BUFFERS)";

    public async Task<Finding> RunAsync(ExperimentContext ctx, CancellationToken cancellationToken)
    {
        var rows = ctx.Size(100_000, 3_000_000);
        var server = await ctx.Services.PostgresAsync(cancellationToken);
        var lab = new IndexingLab(await server.CreateDatabaseAsync("indexing", cancellationToken), rows);
        ctx.Report(0.02, $"generating {rows:N0} orders");
        await lab.LoadAsync(cancellationToken);
        var trigram = await lab.ExtensionAvailableAsync("pg_trgm", cancellationToken);
        var cases = lab.Cases().Where(c => c.RequiresExtension is null || trigram).ToList();
        var results = new List<IndexingCaseResult>();
        foreach (var (c, i) in cases.Select((c, i) => (c, i)))
        {
            ctx.Report(0.1 + 0.85 * i / cases.Count, $"case {i + 1}/{cases.Count}: {c.Name}");
            var r = await lab.RunCaseAsync(c, cancellationToken);
            results.Add(r);
        }

        var finding = new FindingBuilder(GoalId, Title);
        finding.Table(FindingTable.Of($"{rows:N0} rows; each query without an index (baseline) and with one index; insert cost of {lab.InsertBatch:N0} new rows",
            ["case", "index", "plan with index", "ms (index)", "ms (no index)", "speed-up", "buffers (index)", "buffers (no index)", "index MB", "build ms", "insert µs/row (no index)", "WAL B/row (no index)", "same result"],
            results.Select(r => new object?[]
            {
                r.Case.Name, r.Case.Strategy, r.NodeSummary, r.ExecutionMs, r.BaselineExecutionMs, r.BaselineExecutionMs / Math.Max(r.ExecutionMs, 0.001),
                r.Buffers, r.BaselineBuffers, r.IndexBytes / 1e6, r.BuildMs, $"{r.InsertMicrosecondsPerRow:0.#} ({r.BaselineInsertMicrosecondsPerRow:0.#})",
                $"{r.InsertWalBytesPerRow:0} ({r.BaselineInsertWalBytesPerRow:0})", r.SameResultAsBaseline ? "yes" : "NO",
            })));
        finding.Check(trigram, trigram ? "pg_trgm is installed: all eleven strategies ran"
            : "pg_trgm is not installed (Debian package postgresql-contrib): the trigram GIN case could not run");
        foreach (var r in results)
        {
            finding.Check(r.UsesExpectedNode, r.Case.ExpectsFullScan
                ? $"{r.Case.Name}: the index cannot be descended, so the whole table or index is read ({r.Buffers:N0} buffers; index {r.IndexBytes / 8192:N0} pages; plan: {r.NodeSummary})"
                : $"{r.Case.Name}: planner chose {string.Join(" or ", r.Case.ExpectedNodes)} on {r.Case.IndexName} (plan: {r.NodeSummary})");
            finding.Check(r.SameResultAsBaseline, $"{r.Case.Name}: {r.ResultRows} result rows identical with and without the index");
        }
        var covering = results.FirstOrDefault(r => r.Case.Name.StartsWith("covering", StringComparison.Ordinal));
        if (covering is not null) finding.Check(covering.HeapFetches == 0, $"covering index after VACUUM: index-only scan with {covering.HeapFetches} heap fetches");
        var leading = results.FirstOrDefault(r => r.Case.Name == "composite, leading column");
        var trailing = results.FirstOrDefault(r => r.Case.Name == "composite, second column only");
        if (leading is not null && trailing is not null)
            finding.Check(trailing.Buffers > 10 * leading.Buffers, $"column order: the second column alone read {trailing.Buffers:N0} buffers vs {leading.Buffers:N0} with the leading column");
        var pk = results.First(r => r.Case.Name.StartsWith("primary key", StringComparison.Ordinal));
        var brin = results.FirstOrDefault(r => r.Case.Name.StartsWith("BRIN", StringComparison.Ordinal));
        var partial = results.FirstOrDefault(r => r.Case.Name == "partial");
        finding.Figure("primary-key point query speed-up", pk.BaselineExecutionMs / Math.Max(pk.ExecutionMs, 0.001), "×")
            .Figure("primary-key point query (index)", pk.ExecutionMs, "ms")
            .Figure("primary-key point query (no index)", pk.BaselineExecutionMs, "ms")
            .Figure("insert time with the primary key", pk.InsertMicrosecondsPerRow / pk.BaselineInsertMicrosecondsPerRow, "× no index", key: true)
            .Figure("insert WAL with the GIN jsonb index", results.Where(r => r.Case.Name.StartsWith("GIN, jsonb", StringComparison.Ordinal)).Select(r => r.InsertWalBytesPerRow / r.BaselineInsertWalBytesPerRow).DefaultIfEmpty(double.NaN).First(), "× no index");
        if (brin is not null)
            finding.Figure("BRIN size", brin.IndexBytes / 1e3, "kB", key: true).Figure("BRIN range query speed-up", brin.BaselineExecutionMs / Math.Max(brin.ExecutionMs, 0.001), "×");
        if (partial is not null) finding.Figure("partial index size", partial.IndexBytes / 1e6, "MB", key: true);
        var secondary = results.FirstOrDefault(r => r.Case.Name == "secondary, equality");
        if (secondary is not null) finding.Figure("secondary B-tree index size", secondary.IndexBytes / 1e6, "MB", key: true);
        foreach (var r in results)
            finding.Figure($"{r.Case.Name}: speed-up with the index", r.BaselineExecutionMs / Math.Max(r.ExecutionMs, 0.001), "×", key: true);
        if (leading is not null && trailing is not null)
            finding.Figure("composite index, second column only: buffers read / with the leading column", (double)trailing.Buffers / Math.Max(1, leading.Buffers), "×", key: true);
        foreach (var r in results.Where(r => r.Case.CreateIndexSql is not null && r.Case.Name is "BRIN, correlated timestamp" or "partial" or "GIN, trigram LIKE" or "covering, index-only scan"))
            finding.Figure($"{r.Case.Name}: WAL per inserted row / without the index", r.InsertWalBytesPerRow / r.BaselineInsertWalBytesPerRow, "×", key: true);
        finding.Note("Times are EXPLAIN ANALYZE execution times after one warm-up run of the same query; buffers are shared hits + reads of the whole plan.")
            .Note("Insert cost: an INSERT … SELECT of the batch inside a transaction that is rolled back, with only that case's index present; WAL bytes from pg_current_wal_insert_lsn().");
        finding.Plot(ctx.SavePlot(Plot(results), "indexing.png", "Query time with and without each index (log scale)", 1100, 550));
        return finding.Build($"{results.Count} strategies on {rows:N0} rows: the planner picked the intended node in {results.Count(r => r.UsesExpectedNode)}/{results.Count} cases; " +
                             $"results identical in {results.Count(r => r.SameResultAsBaseline)}/{results.Count}; the primary key made a point query {pk.BaselineExecutionMs / Math.Max(pk.ExecutionMs, 0.001):N0}× faster; " +
                             (finding.FailedChecks.Count == 0 ? "every check held." : $"{finding.FailedChecks.Count} check(s) failed: {string.Join("; ", finding.FailedChecks)}."));
    }

    private static ScottPlot.Plot Plot(IReadOnlyList<IndexingCaseResult> results)
    {
        var plot = new ScottPlot.Plot();
        for (var i = 0; i < results.Count; i++)
        {
            plot.Add.Bar(new ScottPlot.Bar { Position = i * 3, Value = Math.Log10(Math.Max(results[i].BaselineExecutionMs, 0.001)), FillColor = ScottPlot.Colors.Gray });
            plot.Add.Bar(new ScottPlot.Bar { Position = i * 3 + 1, Value = Math.Log10(Math.Max(results[i].ExecutionMs, 0.001)), FillColor = ScottPlot.Colors.SteelBlue });
        }
        plot.Axes.Bottom.SetTicks([.. results.Select((_, i) => i * 3 + 0.5)], [.. results.Select(r => r.Case.Name)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 35;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = "no index", FillColor = ScottPlot.Colors.Gray });
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = "with the index", FillColor = ScottPlot.Colors.SteelBlue });
        plot.ShowLegend();
        plot.YLabel("log10(execution ms)");
        plot.Title("EXPLAIN ANALYZE execution time per indexing strategy");
        return plot;
    }
}
