using System.Diagnostics;
using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.Storage.Olap;

/// <summary>
/// Runs the same OLTP mix (50% point reads, 30% single-row updates, 20% short read-then-insert transactions;
/// one client, the same operations in the same order) and the same OLAP queries on two engines loaded with the
/// same data, and records every result so that the engines can be compared row for row.
/// </summary>
public sealed class WorkloadComparison(StarDataGenerator data, int oltpOperations, int olapRepetitions, int seed)
{
    public sealed record EngineRun(
        string Engine,
        double LoadSeconds,
        Throughput Oltp,
        IReadOnlyDictionary<string, LatencySummary> OltpLatency,
        IReadOnlyList<string> PointReads,
        IReadOnlyList<(string Query, double MedianMs, IReadOnlyList<string> Rows)> Olap,
        IReadOnlyList<string> Checksum);

    /// <summary>The seed of the OLTP mix's random choices (the same operations on every engine).</summary>
    public int Seed { get; } = seed;

    public async Task<EngineRun> RunAsync(IWarehouseEngine engine, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report($"{engine.Name}: loading {data.Facts:N0} sales");
        var load = Stopwatch.StartNew();
        await engine.LoadAsync(data, cancellationToken);
        var loadSeconds = load.Elapsed.TotalSeconds;

        progress?.Report($"{engine.Name}: OLTP mix of {oltpOperations:N0} operations");
        var (throughput, latency, reads) = await RunOltpMixAsync(engine, cancellationToken);

        var olap = new List<(string, double, IReadOnlyList<string>)>();
        foreach (var (name, sql) in StarSchema.AnalyticQueries)
        {
            progress?.Report($"{engine.Name}: {name}");
            var rows = await engine.QueryAsync(sql, cancellationToken); // warm-up, and the result to compare
            var times = new List<double>();
            for (var r = 0; r < olapRepetitions; r++)
            {
                var sw = Stopwatch.StartNew();
                await engine.QueryAsync(sql, cancellationToken);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            olap.Add((name, times.Order().ElementAt(times.Count / 2), rows));
        }
        var checksum = await engine.QueryAsync(StarSchema.FactChecksum, cancellationToken);
        return new EngineRun(engine.Name, loadSeconds, throughput, latency, reads, olap, checksum);
    }

    private async Task<(Throughput Throughput, Dictionary<string, LatencySummary> Latency, List<string> Reads)> RunOltpMixAsync(IWarehouseEngine engine, CancellationToken cancellationToken)
    {
        #region Exercise 1.1.4-3c: the OLTP mix: the same point reads, updates and short transactions on each engine, timed (tests: OltpVsOlapTests.PostgresLoadHoldsEveryGeneratedRow, OltpVsOlapTests.DuckDbLoadHoldsEveryGeneratedRow, OltpVsOlapTests.BothEnginesReturnIdenticalResultsForTheSameWorkload, OltpVsOlapTests.AtSmallScaleBothEnginesGiveTheSameResultsAndEveryWinnerIsReported)
        var latency = new Dictionary<string, LatencyRecorder> { ["point read"] = new(), ["update"] = new(), ["short transaction"] = new() };
        var reads = new List<string>();
        var random = new Random(Seed);
        var nextSale = (long)data.Facts + 1;
        var dates = data.Dates().Select(d => d.DateKey).ToArray();
        var oltp = Stopwatch.StartNew();
        for (var op = 0; op < oltpOperations; op++)
        {
            var dice = random.Next(100);
            var saleId = 1 + random.NextInt64(data.Facts);
            var start = Stopwatch.GetTimestamp();
            if (dice < 50)
            {
                reads.Add(await engine.PointReadAsync(saleId, cancellationToken));
                latency["point read"].RecordSince(start);
            }
            else if (dice < 80)
            {
                await engine.UpdateSaleAsync(saleId, random.Next(1, 500), cancellationToken);
                latency["update"].RecordSince(start);
            }
            else
            {
                await engine.ShortTransactionAsync(nextSale++, dates[random.Next(dates.Length)], 1 + random.Next(data.Customers),
                    1 + random.Next(data.Products), 1 + random.Next(data.Stores), cancellationToken);
                latency["short transaction"].RecordSince(start);
            }
        }
        return (new Throughput(oltpOperations, oltp.Elapsed), latency.ToDictionary(kv => kv.Key, kv => kv.Value.Summarize()), reads);
        #endregion
    }
}
