using System.Globalization;
using StatelessMind.Harness.Measurement;
using StatelessMind.Labs.Storage.Olap;

namespace StatelessMind.Labs.Storage.Tests;

/// <summary>The same star schema, OLTP mix and analytic queries on PostgreSQL and DuckDB: identical results, and the
/// row store winning the transactions while the column store wins the analytic queries.</summary>
public sealed class OltpVsOlapTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly StarDataGenerator SmallData = new(facts: 2_000, seed: 5);

    /// <summary>What every table must hold after a load: row counts, and the fact table's count, quantity and amount sums and largest id.</summary>
    private static IReadOnlyList<string> ExpectedContents(StarDataGenerator data)
    {
        var facts = data.FactRows().ToList();
        return
        [
            $"{data.Dates().Count()}|{data.Customers}|{data.Products}|{data.Stores}",
            string.Create(CultureInfo.InvariantCulture, $"{facts.Count}|{facts.Sum(f => (long)f.Quantity)}|{facts.Sum(f => f.AmountCents)}|{facts.Max(f => f.SaleId)}"),
        ];
    }

    private static async Task<IReadOnlyList<string>> ContentsAsync(IWarehouseEngine engine) =>
    [
        .. await engine.QueryAsync("SELECT (SELECT count(*) FROM dim_date), (SELECT count(*) FROM dim_customer), (SELECT count(*) FROM dim_product), (SELECT count(*) FROM dim_store)", CancellationToken.None),
        .. await engine.QueryAsync(StarSchema.FactChecksum, CancellationToken.None),
    ];

    [Fact]
    [Goal("1.1.4-3")]
    public async Task PostgresLoadHoldsEveryGeneratedRow()
    {
        await using var engine = new PostgresWarehouse(await postgres.CreateDatabaseAsync("load_test"));
        await engine.LoadAsync(SmallData, CancellationToken.None);
        Assert.Equal(ExpectedContents(SmallData), await ContentsAsync(engine));
    }

    [Fact]
    [Goal("1.1.4-3")]
    public async Task DuckDbLoadHoldsEveryGeneratedRow()
    {
        using var dir = new TempDirectory("duck");
        await using var engine = new DuckDbWarehouse(dir.File("load.duckdb"));
        await engine.LoadAsync(SmallData, CancellationToken.None);
        Assert.Equal(ExpectedContents(SmallData), await ContentsAsync(engine));
    }

    [Fact]
    [Goal("1.1.4-3")]
    public async Task BothEnginesReturnIdenticalResultsForTheSameWorkload()
    {
        var data = new StarDataGenerator(facts: 30_000, seed: 11);
        var comparison = new WorkloadComparison(data, oltpOperations: 300, olapRepetitions: 1, seed: 12);
        using var dir = new TempDirectory("duck");
        WorkloadComparison.EngineRun pg, duck;
        await using (var engine = new PostgresWarehouse(await postgres.CreateDatabaseAsync("star_test")))
            pg = await comparison.RunAsync(engine, null, CancellationToken.None);
        await using (var engine = new DuckDbWarehouse(dir.File("star.duckdb")))
            duck = await comparison.RunAsync(engine, null, CancellationToken.None);

        Assert.Equal(pg.PointReads.Count, duck.PointReads.Count);
        Assert.InRange(pg.PointReads.Count, 120, 180); // half of the 300 operations are point reads
        Assert.All(pg.PointReads, r => Assert.NotEqual("", r)); // every sale id read exists
        Assert.Equal(pg.PointReads, duck.PointReads);
        Assert.Equal(pg.Checksum, duck.Checksum);
        Assert.Equal(300, pg.OltpLatency.Values.Sum(l => l.Count));
        foreach (var ((name, pgMs, pgRows), (_, duckMs, duckRows)) in pg.Olap.Zip(duck.Olap))
        {
            Assert.NotEmpty(pgRows);
            Assert.Equal(pgRows, duckRows);
            output.WriteLine($"{name}: {pgRows.Count} rows, PostgreSQL {pgMs:0.#} ms, DuckDB {duckMs:0.#} ms");
        }
        output.WriteLine($"OLTP: PostgreSQL {pg.Oltp.PerSecond:N0} ops/s, DuckDB {duck.Oltp.PerSecond:N0} ops/s; checksum {string.Join(" ", pg.Checksum)}");
    }

    [Fact]
    [Goal("1.1.4-3")]
    public async Task AtSmallScaleBothEnginesGiveTheSameResultsAndEveryWinnerIsReported()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new OltpVsOlapExperiment(), output);
        // The result checks hold at every scale; who wins is timing, a check of the full-scale run only (make run),
        // reported here as one note per winner.
        Assert.Equal(Verdict.Pass, finding.Verdict);
        var olap = finding.Figures.Where(f => f.Name.StartsWith("OLAP '", StringComparison.Ordinal)).ToList();
        Assert.Equal(StarSchema.AnalyticQueries.Count, olap.Count);
        Assert.Equal(2 + StarSchema.AnalyticQueries.Count, finding.Notes.Count(n => n.StartsWith("(checked at full scale only)", StringComparison.Ordinal)));
    }

    /// <summary>The winner checks can fail: the same report built from runs where the column store wins the OLTP mix
    /// and loses an analytic query is a FAIL naming both.</summary>
    [Fact]
    [Goal("1.1.4-3")]
    public void TheVerdictFailsWhenTheWinnersAreReversed()
    {
        static WorkloadComparison.EngineRun Run(string engine, double oltpSeconds, double pointReadMs, double olapMs)
        {
            var latency = new LatencyRecorder();
            for (var i = 0; i < 10; i++) latency.Record(TimeSpan.FromMilliseconds(pointReadMs));
            var summary = latency.Summarize();
            return new WorkloadComparison.EngineRun(engine, 1, new Throughput(1000, TimeSpan.FromSeconds(oltpSeconds)),
                new Dictionary<string, LatencySummary> { ["point read"] = summary, ["update"] = summary, ["short transaction"] = summary },
                ["row"], [("query", olapMs, ["1"])], ["1"]);
        }
        var experiment = new OltpVsOlapExperiment();
        Assert.Equal(Verdict.Pass, experiment.Report(Run("PostgreSQL", 1, 0.2, 500), Run("DuckDB", 4, 1.5, 20), 1000, Scale.Full).Verdict);
        var reversed = experiment.Report(Run("PostgreSQL", 4, 1.5, 10), Run("DuckDB", 1, 0.2, 20), 1000, Scale.Full);
        output.WriteLine(reversed.Summary);
        Assert.Equal(Verdict.Fail, reversed.Verdict);
        Assert.Contains("PostgreSQL did NOT win", reversed.Summary, StringComparison.Ordinal);
        Assert.Contains("DuckDB won 0 of 1", reversed.Summary, StringComparison.Ordinal);

        // At small scale the same reversal is reported, not failed: the winners are checks of the full-scale run.
        var small = experiment.Report(Run("PostgreSQL", 4, 1.5, 10), Run("DuckDB", 1, 0.2, 20), 1000, Scale.Small);
        Assert.Equal(Verdict.Pass, small.Verdict);
        Assert.Contains(small.Notes, n => n.StartsWith("(checked at full scale only) does not hold here: the row store wins the OLTP mix", StringComparison.Ordinal));
    }
}
