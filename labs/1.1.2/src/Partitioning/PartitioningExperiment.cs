using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Metrics;
using StatelessMind.Dataflow.Partitioning;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>
/// Goal 1.1.2-3: uniform and Zipf-skewed keys partitioned by hash and by range, with balance measured; what range
/// partitioning buys (a total order, pruned range queries) and what hash buys (even joins when keys cluster in a
/// range); and consistent hashing with virtual nodes: keys moved when a node is added, against 1/(N+1) and against
/// hash mod N.
/// </summary>
public sealed class PartitioningExperiment : IExperiment
{
    public const string ZipfHashSkew = "max/mean partition, Zipf keys, hash";
    public const string UniformHashSkew = "max/mean partition, uniform keys, hash";
    public const string PrunedPartitions = "partitions read per range query, range partitioning";
    public const string RingMoved = "keys moved adding a 9th node, ring (V = 200)";
    public const string ModuloMoved = "keys moved adding a 9th node, hash mod N";
    public const string JoinSkewRange = "join max/mean partition, range bounds from the dimension";
    public const string JoinSkewHash = "join max/mean partition, hash";

    private const int Partitions = 16;

    public string GoalId => "1.1.2-3";
    public string Title => "Range and hash partitioning: skew, pruning, joins, and consistent hashing";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        using var ctx = new DataflowContext(new DataflowOptions { CancellationToken = cancellationToken });
        var records = context.Size(100_000, 2_000_000);
        const int keySpace = 1_000_000;
        var uniform = KeyDistribution.Uniform(records, keySpace, context.Seed);
        var zipf = KeyDistribution.Zipf(records, keySpace, 1.1, context.Seed + 1);
        context.Report(0.05, "balance");
        Balance(ctx, finding, uniform, zipf);
        context.Report(0.3, "range partitioning: order and pruning");
        Pruning(ctx, finding, uniform, keySpace, context.Seed);
        context.Report(0.5, "hash partitioning: joins");
        Joins(ctx, finding, context.Size(20_000, 200_000), context.Seed);
        context.Report(0.7, "consistent hashing");
        Ring(context, finding);
        return Task.FromResult(finding.Build(
            $"{records:N0} uniform and {records:N0} Zipf (s = 1.1) keys over a space of {keySpace:N0} went through hash and range partitioners into {Partitions} partitions; " +
            "range queries, a join with clustered keys, and a consistent-hash ring with 1 to 500 virtual nodes per node were measured."));
    }

    private static void Balance(DataflowContext ctx, FindingBuilder finding, int[] uniform, int[] zipf)
    {
        var rows = new List<object?[]>();
        var balance = new Dictionary<(string, string), PartitionBalance>();
        foreach (var (name, keys) in new[] { ("uniform", uniform), ("Zipf s=1.1", zipf) })
        {
            var ds = ctx.Parallelize(keys, 8);
            var hottest = keys.GroupBy(k => k).Max(g => g.Count());
            foreach (var (partitioning, partitioner) in new (string, Partitioner<int>)[]
                     {
                         ("hash", new HashPartitioner<int>(Partitions)),
                         ("range", RangePartitioning.Sketch(ds, Partitions)),
                     })
            {
                ctx.ClearStageReports();
                ds.Map(k => (k, (byte)0)).PartitionBy(partitioner).Count();
                var b = ctx.Stages.First(s => s.Kind == StageKind.ShuffleMap).Balance;
                balance[(name, partitioning)] = b;
                rows.Add([name, partitioning, b.Partitions, b.Max, b.Mean, b.MaxOverMean, b.CoefficientOfVariation, (double)hottest / b.Mean]);
            }
        }
        finding.Table(FindingTable.Of($"Balance over {Partitions} partitions (records per partition)",
            ["keys", "partitioner", "partitions", "largest", "mean", "max/mean", "CoV", "hottest key / mean"], rows));
        var uh = balance[("uniform", "hash")];
        var ur = balance[("uniform", "range")];
        var zh = balance[("Zipf s=1.1", "hash")];
        var zr = balance[("Zipf s=1.1", "range")];
        finding.Figure(UniformHashSkew, uh.MaxOverMean, "×", key: true);
        finding.Figure("max/mean partition, uniform keys, range", ur.MaxOverMean, "×");
        finding.Figure(ZipfHashSkew, zh.MaxOverMean, "×", key: true);
        finding.Figure("max/mean partition, Zipf keys, range", zr.MaxOverMean, "×");
        finding.Check(uh.MaxOverMean <= 1.1 && ur.MaxOverMean <= 1.5,
            $"uniform keys are balanced by both (max/mean {uh.MaxOverMean:0.###} by hash, {ur.MaxOverMean:0.###} by sampled ranges)");
        finding.Check(zh.MaxOverMean > 1.5 * uh.MaxOverMean && zr.CoefficientOfVariation > ur.CoefficientOfVariation,
            $"Zipf keys skew both partitioners: a hot key cannot be split (hash max/mean {zh.MaxOverMean:0.##}, range CoV {zr.CoefficientOfVariation:0.##} against {ur.CoefficientOfVariation:0.##})");
    }

    private static void Pruning(DataflowContext ctx, FindingBuilder finding, int[] keys, int keySpace, int seed)
    {
        var ds = ctx.Parallelize(keys, 8);
        var partitioner = RangePartitioning.Sketch(ds, Partitions);
        var partitions = ds.Map(k => (k, (byte)0)).PartitionBy(partitioner).Keys().CollectPartitions();
        var sorted = ds.Map(k => (k, (byte)0)).SortByKey(Partitions).Keys().Collect();
        finding.Check(sorted.SequenceEqual(keys.Order()), "sorting by key through the range partitioner gives a total order across partitions");

        var random = new Random(seed);
        var width = keySpace / 100; // each query covers 1% of the key space
        var queries = Enumerable.Range(0, 200).Select(_ => random.Next(keySpace - width)).Select(low => (low, high: low + width)).ToList();
        var results = queries.Select(q => (Pruned: RangeQueries.Pruned(partitions, partitioner, q.low, q.high), Full: RangeQueries.FullScan(partitions, q.low, q.high))).ToList();
        var read = results.Average(r => r.Pruned.PartitionsRead);
        var recordsRead = results.Average(r => r.Pruned.RecordsRead) / keys.Length;
        finding.Figure(PrunedPartitions, read, $"of {Partitions}", key: true);
        finding.Figure("records read per range query, range partitioning", recordsRead * 100, "% of all");
        finding.Check(results.All(r => r.Pruned.Keys.Order().SequenceEqual(r.Full.Order())),
            "200 range queries read only the partitions their ranges overlap and return exactly the full scan's keys");
        finding.Check(read <= 3, $"a query over 1% of the key space reads {read:0.##} of {Partitions} range partitions on average; under hash partitioning it must read all {Partitions}");

        var buggy = new RangePartitioner<int>(partitioner.Bounds, bug: DataflowBug.RangePartitionerWrapsTopRange);
        var buggyPartitions = ds.Map(k => (k, (byte)0)).PartitionBy(buggy).Keys().CollectPartitions();
        var top = (low: buggy.Bounds[^1] - width / 2, high: buggy.Bounds[^1] + width / 2); // a query across the last bound
        finding.Check(!RangeQueries.Pruned(buggyPartitions, buggy, top.low, top.high).Keys.Order().SequenceEqual(RangeQueries.FullScan(buggyPartitions, top.low, top.high).Order()),
            "the pruning check catches the planted bug (keys above the last bound routed to partition 0): the top range's query misses them");
    }

    private static void Joins(DataflowContext ctx, FindingBuilder finding, int customers, int seed)
    {
        // Customers are numbered in sign-up order; 90% of the orders come from the newest 10% (many customers, none hot).
        var random = new Random(seed);
        var orders = Enumerable.Range(0, customers * 10).Select(i =>
            (Customer: random.NextDouble() < 0.9 ? customers - 1 - random.Next(customers / 10) : random.Next(customers), Order: i)).ToArray();
        var dimension = ctx.Parallelize(Enumerable.Range(0, customers).Select(c => (c, $"customer {c}")).ToArray(), 8);
        var facts = ctx.Parallelize(orders.Select(o => (o.Customer, o.Order)).ToArray(), 8);
        var expected = orders.Length;
        var rows = new List<object?[]>();
        var skew = new Dictionary<string, double>();
        foreach (var (name, partitioner) in new (string, Partitioner<int>)[]
                 {
                     ("hash", new HashPartitioner<int>(Partitions)),
                     ("range (bounds sampled from the customers)", RangePartitioning.Sketch(dimension.Keys(), Partitions)),
                 })
        {
            ctx.ClearStageReports();
            var joined = facts.Join(dimension, partitioner).Count();
            var factStage = ctx.Stages.Where(s => s.Kind == StageKind.ShuffleMap).MaxBy(s => s.RecordsIn)!;
            var result = ctx.Stages.Single(s => s.Kind == StageKind.Result);
            skew[name] = factStage.Balance.MaxOverMean;
            rows.Add([name, joined == expected ? "yes" : "NO", factStage.Balance.MaxOverMean, factStage.Balance.CoefficientOfVariation,
                result.TaskPercentile(50), result.TaskPercentile(100)]);
            if (joined != expected) finding.Note($"join with {name} returned {joined} rows, expected {expected}");
        }
        finding.Table(FindingTable.Of($"Joining {orders.Length:N0} orders (90% from the newest 10% of customers) with {customers:N0} customers",
            ["partitioner", "every order joined", "orders max/mean", "orders CoV", "join task p50 ms", "join task max ms"], rows));
        var hash = skew["hash"];
        var range = skew.Single(kv => kv.Key != "hash").Value;
        finding.Figure(JoinSkewHash, hash, "×", key: true);
        finding.Figure(JoinSkewRange, range, "×", key: true);
        finding.Check(rows.All(r => (string)r[1]! == "yes"), "both joins return one row per order");
        finding.Check(hash <= 1.3 && range >= 2,
            $"hash partitioning spreads the join evenly (max/mean {hash:0.##}) where ranges drawn from the customers pile the recent orders up ({range:0.##})");
    }

    private static void Ring(ExperimentContext context, FindingBuilder finding)
    {
        var keys = Enumerable.Range(0, context.Size(20_000, 200_000)).Select(i => $"user:{i}").ToList();
        int[] nodeCounts = [2, 4, 8, 12, 16];
        int[] vnodes = [1, 10, 100, 200, 500];
        var rows = new List<object?[]>();
        var ringMoved = new List<(int N, double Moved, bool OnlyToNew)>();
        foreach (var n in nodeCounts)
        {
            var (moved, onlyToNew) = Rebalancing.AddNodeToRing(keys, n, 200);
            var modulo = Rebalancing.AddNodeToModulo(keys, n);
            ringMoved.Add((n, moved, onlyToNew));
            rows.Add([n, 1.0 / (n + 1), moved, onlyToNew ? "yes" : "no", modulo, (double)n / (n + 1)]);
        }
        finding.Table(FindingTable.Of($"Keys moved when node N+1 joins ({keys.Count:N0} keys)",
            ["N", "ideal 1/(N+1)", "ring, V = 200", "all moved keys went to the new node", "hash mod N", "mod N expected N/(N+1)"], rows));
        var at8 = ringMoved.Single(r => r.N == 8);
        finding.Figure(RingMoved, at8.Moved * 100, "%", key: true, target: "≈ 1/9 = 11.1%");
        finding.Figure(ModuloMoved, Rebalancing.AddNodeToModulo(keys, 8) * 100, "%", key: true);
        finding.Check(ringMoved.All(r => Math.Abs(r.Moved - 1.0 / (r.N + 1)) <= 0.35 / (r.N + 1)),
            "with 200 virtual nodes the ring moves 1/(N+1) of the keys (within ±35%) for every N from 2 to 16");
        finding.Check(ringMoved.All(r => r.OnlyToNew), "every key the ring moved went to the new node: none moved between old nodes");
        finding.Check(nodeCounts.Where(n => n >= 4).All(n => Rebalancing.AddNodeToModulo(keys, n) >= 0.7),
            "hash mod N moves nearly every key (at least 70% for N ≥ 4; theory N/(N+1))");
        var (buggyMoved, _) = Rebalancing.AddNodeToRing(keys, 8, 200, RingBug.PositionsDependOnNodeCount);
        finding.Check(Math.Abs(buggyMoved - 1.0 / 9) > 0.35 / 9,
            $"the movement check catches the planted bug (virtual-node positions that depend on the node count move {buggyMoved:P0} of the keys)");

        var balanceRows = vnodes.Select(v => (V: v, MaxOverMean: Rebalancing.RingBalance(keys, 8, v))).ToList();
        finding.Table(FindingTable.Of("Load on a ring of 8 nodes by virtual nodes per node", ["V", "keys max/mean"], balanceRows.Select(b => new object?[] { b.V, b.MaxOverMean })));
        finding.Figure("ring max/mean load, 8 nodes, V = 1", balanceRows[0].MaxOverMean, "×");
        finding.Figure("ring max/mean load, 8 nodes, V = 200", balanceRows.Single(b => b.V == 200).MaxOverMean, "×");
        finding.Check(balanceRows.Single(b => b.V == 200).MaxOverMean < balanceRows[0].MaxOverMean && balanceRows.Single(b => b.V == 200).MaxOverMean <= 1.25,
            "virtual nodes even out the load (max/mean ≤ 1.25 with V = 200, down from V = 1)");

        var plot = new ScottPlot.Plot();
        var xs = nodeCounts.Select(n => (double)n).ToArray();
        var ideal = plot.Add.Scatter(xs, nodeCounts.Select(n => 100.0 / (n + 1)).ToArray());
        ideal.LegendText = "ideal 1/(N+1)";
        ideal.LinePattern = ScottPlot.LinePattern.Dashed;
        var ring = plot.Add.Scatter(xs, ringMoved.Select(r => r.Moved * 100).ToArray());
        ring.LegendText = "consistent hashing, V = 200";
        var mod = plot.Add.Scatter(xs, nodeCounts.Select(n => Rebalancing.AddNodeToModulo(keys, n) * 100).ToArray());
        mod.LegendText = "hash mod N";
        plot.Title("Keys that move when one node is added");
        plot.XLabel("nodes before the addition (N)");
        plot.YLabel("% of keys moved");
        plot.ShowLegend(ScottPlot.Alignment.MiddleRight);
        finding.Plot(context.SavePlot(plot, "keys-moved.png", "Fraction of keys moved when node N+1 joins: consistent hashing against hash mod N"));
    }
}
