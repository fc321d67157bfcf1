using StatelessMind.Labs.Storage.Olap;

namespace StatelessMind.Labs.Storage.Tests;

/// <summary>The same star schema, OLTP mix and analytic queries on PostgreSQL and DuckDB give identical results.</summary>
public sealed class OltpVsOlapTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
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
        Assert.True(pg.PointReads.Count > 100);
        Assert.All(pg.PointReads, r => Assert.NotEqual("", r)); // every sale id read exists
        Assert.Equal(pg.PointReads, duck.PointReads);
        Assert.Equal(pg.Checksum, duck.Checksum);
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
    public async Task ExperimentAtSmallScalePasses()
    {
        await using var services = new ExperimentServices();
        var finding = await new OltpVsOlapExperiment().RunAsync(ExperimentContext.ForTest(services, "1.1.4-3"), CancellationToken.None);
        foreach (var row in finding.Tables[0].Rows) output.WriteLine(string.Join(" | ", row));
        foreach (var note in finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("OLTP throughput, PostgreSQL")!.Value > 0);
        Assert.True(finding.FigureNamed("OLAP speed-up of DuckDB (geometric mean of the queries)")!.Value > 0);
    }
}
