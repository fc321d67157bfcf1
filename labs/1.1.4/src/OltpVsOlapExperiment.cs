using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Storage.Olap;

namespace StatelessMind.Labs.Storage;

/// <summary>
/// 1.1.4-3: one star-schema dataset in PostgreSQL (row store) and DuckDB (embedded column store, standing in
/// for Snowflake); the same OLTP mix and the same analytic queries on both, results compared row for row,
/// throughput and latencies side by side.
/// </summary>
public sealed class OltpVsOlapExperiment : IExperiment
{
    public string GoalId => "1.1.4-3";
    public string Title => "OLTP vs OLAP: PostgreSQL (row store) and DuckDB (column store) on the same data";

    public async Task<Finding> RunAsync(ExperimentContext ctx, CancellationToken cancellationToken)
    {
        var facts = ctx.Size(100_000, 3_000_000);
        var data = new StarDataGenerator(facts, ctx.Seed);
        var comparison = new WorkloadComparison(data, ctx.Size(600, 5_000), ctx.Size(1, 3), ctx.Seed);
        var server = await ctx.Services.PostgresAsync(cancellationToken);
        var duckFile = Path.Combine(ctx.OutputDirectory.FullName, $"star-{Guid.NewGuid():N}.duckdb");
        WorkloadComparison.EngineRun pg, duck;
        var progress = new Progress<string>(m => ctx.Report(0.5, m));
        await using (var postgres = new PostgresWarehouse(await server.CreateDatabaseAsync("star", cancellationToken)))
            pg = await comparison.RunAsync(postgres, progress, cancellationToken);
        try
        {
            await using var duckdb = new DuckDbWarehouse(duckFile);
            duck = await comparison.RunAsync(duckdb, progress, cancellationToken);
        }
        finally
        {
            foreach (var f in new[] { duckFile, duckFile + ".wal" }) File.Delete(f);
        }
        var finding = Report(pg, duck, facts, ctx.Scale);
        var plot = ctx.SavePlot(LatencyPlot(pg, duck), "oltp-olap.png", "Latency per operation and per query, PostgreSQL vs DuckDB (log scale)", 1100, 550);
        return finding with { Plots = [plot] };
    }

    private static ScottPlot.Plot LatencyPlot(WorkloadComparison.EngineRun pg, WorkloadComparison.EngineRun duck)
    {
        var labels = new List<string>();
        var values = new List<(double Pg, double Duck)>();
        foreach (var op in pg.OltpLatency.Keys)
        {
            labels.Add($"OLTP {op} (p50)");
            values.Add((pg.OltpLatency[op].P50Ms, duck.OltpLatency[op].P50Ms));
        }
        foreach (var ((name, pgMs, _), (_, duckMs, _)) in pg.Olap.Zip(duck.Olap))
        {
            labels.Add($"OLAP {name}");
            values.Add((pgMs, duckMs));
        }
        var plot = new ScottPlot.Plot();
        for (var i = 0; i < values.Count; i++)
        {
            plot.Add.Bar(new ScottPlot.Bar { Position = i * 3, Value = Math.Log10(Math.Max(values[i].Pg, 0.001)), FillColor = ScottPlot.Colors.SteelBlue });
            plot.Add.Bar(new ScottPlot.Bar { Position = i * 3 + 1, Value = Math.Log10(Math.Max(values[i].Duck, 0.001)), FillColor = ScottPlot.Colors.DarkOrange });
        }
        plot.Axes.Bottom.SetTicks([.. labels.Select((_, i) => i * 3 + 0.5)], [.. labels]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 35;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = "PostgreSQL (row store)", FillColor = ScottPlot.Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = "DuckDB (column store)", FillColor = ScottPlot.Colors.DarkOrange });
        plot.ShowLegend();
        plot.YLabel("log10(ms)");
        plot.Title("OLTP operations and OLAP queries: latency");
        return plot;
    }

    /// <summary>The finding of two runs. The winners are checks of the full-scale run; at small scale (the tests' scale,
    /// where a test must not assert wall-clock time and 100,000 sales are too few for the layouts to tell apart reliably)
    /// they are notes saying whether they held.</summary>
    internal Finding Report(WorkloadComparison.EngineRun pg, WorkloadComparison.EngineRun duck, int facts, Scale scale)
    {
        var finding = new FindingBuilder(GoalId, Title);
        void Winner(bool holds, string description)
        {
            if (scale == Scale.Full) finding.Check(holds, description);
            else finding.Note($"(checked at full scale only) {(holds ? "holds" : "does not hold")} here: {description}");
        }
        var readsIdentical = pg.PointReads.SequenceEqual(duck.PointReads);
        finding.Check(readsIdentical, $"all {pg.PointReads.Count:N0} OLTP point reads returned identical rows");
        finding.Check(pg.Checksum.SequenceEqual(duck.Checksum), $"after the OLTP mix the fact tables agree (count, sum of quantity, sum of amount, max id): {string.Join(" ", pg.Checksum)}");
        var speedups = new List<double>();
        var rows = new List<object?[]>();
        foreach (var ((name, pgMs, pgRows), (_, duckMs, duckRows)) in pg.Olap.Zip(duck.Olap))
        {
            finding.Check(pgRows.SequenceEqual(duckRows), $"OLAP '{name}': {pgRows.Count} identical result rows");
            speedups.Add(pgMs / duckMs);
            rows.Add([name, "OLAP (median ms)", pgMs, duckMs, pgMs / duckMs]);
        }
        foreach (var op in pg.OltpLatency.Keys)
        {
            rows.Add([op, "OLTP p50 ms", pg.OltpLatency[op].P50Ms, duck.OltpLatency[op].P50Ms, pg.OltpLatency[op].P50Ms / duck.OltpLatency[op].P50Ms]);
            rows.Add([op, "OLTP p99 ms", pg.OltpLatency[op].P99Ms, duck.OltpLatency[op].P99Ms, pg.OltpLatency[op].P99Ms / duck.OltpLatency[op].P99Ms]);
        }
        rows.Add(["OLTP mix", "operations/s", pg.Oltp.PerSecond, duck.Oltp.PerSecond, pg.Oltp.PerSecond / duck.Oltp.PerSecond]);
        rows.Add(["load", "seconds", pg.LoadSeconds, duck.LoadSeconds, pg.LoadSeconds / duck.LoadSeconds]);
        finding.Table(FindingTable.Of($"{facts:N0} sales; OLTP mix of {pg.Oltp.Operations:N0} operations on one connection; each OLAP query after one warm-up",
            ["workload", "measure", "PostgreSQL", "DuckDB", "PostgreSQL / DuckDB"], rows));

        // The winners the goal is about: the row store on transactions, the column store on every analytic query.
        var oltpRatio = pg.Oltp.PerSecond / duck.Oltp.PerSecond;
        Winner(oltpRatio > 1, $"the row store wins the OLTP mix: PostgreSQL {pg.Oltp.PerSecond:N0} ops/s vs DuckDB {duck.Oltp.PerSecond:N0} ops/s ({oltpRatio:0.##}×)");
        Winner(pg.OltpLatency["point read"].P50Ms < duck.OltpLatency["point read"].P50Ms,
            $"the row store wins the point reads at the median: PostgreSQL {pg.OltpLatency["point read"].P50Ms:0.###} ms vs DuckDB {duck.OltpLatency["point read"].P50Ms:0.###} ms");
        var olapWins = 0;
        foreach (var ((name, pgMs, _), (_, duckMs, _)) in pg.Olap.Zip(duck.Olap))
        {
            Winner(duckMs < pgMs, $"the column store wins OLAP '{name}': DuckDB {duckMs:0.#} ms vs PostgreSQL {pgMs:0.#} ms ({pgMs / duckMs:0.#}×)");
            if (duckMs < pgMs) olapWins++;
        }

        var geoMean = Math.Exp(speedups.Average(Math.Log));
        finding.Figure("OLTP throughput, PostgreSQL", pg.Oltp.PerSecond, "ops/s", key: true)
            .Figure("OLTP throughput, DuckDB", duck.Oltp.PerSecond, "ops/s", key: true)
            .Figure("OLTP throughput, PostgreSQL / DuckDB", oltpRatio, "×", key: true, target: "> 1")
            .Figure("point read p50, PostgreSQL", pg.OltpLatency["point read"].P50Ms, "ms", key: true)
            .Figure("point read p50, DuckDB", duck.OltpLatency["point read"].P50Ms, "ms", key: true)
            .Figure("update p50, PostgreSQL", pg.OltpLatency["update"].P50Ms, "ms", key: true)
            .Figure("update p50, DuckDB", duck.OltpLatency["update"].P50Ms, "ms", key: true)
            .Figure("OLAP speed-up of DuckDB (geometric mean of the queries)", geoMean, "×", key: true, target: "> 1 for every query");
        foreach (var ((name, pgMs, _), (_, duckMs, _)) in pg.Olap.Zip(duck.Olap))
            finding.Figure($"OLAP '{name}', PostgreSQL / DuckDB", pgMs / duckMs, "×", key: true);
        finding.Figure("load, PostgreSQL (COPY)", pg.LoadSeconds, "s").Figure("load, DuckDB (appender)", duck.LoadSeconds, "s");
        finding.Note("DuckDB is embedded (in-process, no network round trip); PostgreSQL is reached over loopback TCP. Both commit durably (PostgreSQL synchronous_commit on; DuckDB's WAL).")
            .Note("Checked winners (full scale): the OLTP mix's throughput and the point reads' median (row store), every analytic query (column store). Updates and short transactions " +
                  "are shown, not checked: each commits with an fsync in PostgreSQL, so their latency follows the disk more than the storage layout.")
            .Note("DuckDB stands in for Snowflake, which has no local form: both are columnar, vectorised analytic engines.");
        var summary = $"On {facts:N0} sales, {(oltpRatio > 1 ? "PostgreSQL won" : "PostgreSQL did NOT win")} the OLTP mix ({pg.Oltp.PerSecond:N0} vs {duck.Oltp.PerSecond:N0} ops/s) " +
                      $"and DuckDB won {olapWins} of {pg.Olap.Count} analytic queries (geometric mean {geoMean:0.#}×); " +
                      (finding.FailedChecks.Count == 0 ? "every result was identical in both engines." : $"{finding.FailedChecks.Count} check(s) failed: {string.Join("; ", finding.FailedChecks)}.");
        return finding.Build(summary);
    }
}
