using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Partitioning;
using StatelessMind.Labs.Scalability.Partitioning;
using StatelessMind.SparkConnect;
using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.Labs.Scalability.Tests.Partitioning;

/// <summary>
/// The Spark route of the partitioning jobs against the in-process Spark Connect server: the keys must reach the server
/// whole, the queries must run in the session that holds them, and the comparison with the local run must see any
/// difference. The server answers from the uploaded keys with the reference semantics of each query (Spark's Murmur3
/// for the hash; sorted, contiguous, equal cuts for the range) — this checks the protocol path and the comparison,
/// not Spark; <see cref="PartitioningOnSparkTests"/> runs the same jobs on a real cluster.
/// </summary>
public sealed class SparkJobsTests
{
    private const int Partitions = 7;

    private static FakeSparkSql Reference(RepartitionJob job, Func<IReadOnlyList<string>, IReadOnlyList<string>>? tamper = null) => (query, session) =>
    {
        var keys = session.Column<int>(SparkJobs.KeysView, "key");
        if (query == job.SparkSql(SparkJobs.KeysView) || query == SparkJobs.HashRepartitionSql(job.Partitions))
        {
            var sizes = keys.GroupBy(k => SparkMurmur3.NonNegativeMod(SparkMurmur3.HashInt(k), job.Partitions)).OrderBy(g => g.Key).ToList();
            var rows = (tamper ?? (r => r))([.. sizes.Select(g => $"{g.Key}\t{g.LongCount()}")]);
            return FakeAnswer.From(new LocalTable()
                .AddInt32s("partition", rows.Select(r => int.Parse(r.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture)))
                .AddInt64s("records", rows.Select(r => long.Parse(r.Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture))));
        }
        if (query == SparkJobs.RangeRepartitionSql(job.Partitions))
        {
            // A range partitioner's reference: upper bounds at equal-count quantiles of the keys, a key in the first range whose bound is at least it.
            var sorted = keys.Order().ToArray();
            var bounds = Enumerable.Range(1, job.Partitions - 1).Select(p => sorted[p * sorted.Length / job.Partitions - 1]).Distinct().ToArray();
            var cuts = keys.GroupBy(k => RangeOf(bounds, k)).OrderBy(g => g.Key).ToList();
            return FakeAnswer.From(new LocalTable().AddInt32s("partition", cuts.Select(c => c.Key)).AddInt64s("records", cuts.Select(c => c.LongCount()))
                .AddInt32s("low", cuts.Select(c => c.Min())).AddInt32s("high", cuts.Select(c => c.Max())));
        }
        return null;
    };

    private static int RangeOf(int[] bounds, int key)
    {
        var i = Array.BinarySearch(bounds, key);
        return i >= 0 ? i : ~i;
    }

    [Fact]
    [Goal("1.1.2-3")]
    public async Task Hash_partition_sizes_go_to_spark_and_come_back_equal()
    {
        var keys = KeyDistribution.Zipf(20_000, 5_000, 1.1, 9);
        var job = new RepartitionJob(Partitions);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var local = job.Run(ctx.Parallelize(keys, 4));
        await using var server = await FakeSparkConnectServer.StartAsync(Reference(job));
        using var spark = SparkSession.Connect(server.Endpoint);

        var onSpark = await SparkJobs.HashRepartitionAsync(spark, job, keys, local);

        Assert.True(onSpark.ByHashExpression.Same, onSpark.ByHashExpression.Describe());
        Assert.True(onSpark.ByRepartitionHint.Same, onSpark.ByRepartitionHint.Describe());
        var session = Assert.Single(server.Sessions);
        Assert.Equal(keys, session.Column<int>(SparkJobs.KeysView, "key"));
        Assert.Equal(
            [SparkJobs.KeysView, job.SparkSql(SparkJobs.KeysView), SparkJobs.HashRepartitionSql(Partitions)],
            server.ExecuteRequests.Select(r => r.Plan.Root?.Sql?.Query ?? r.Plan.Command.CreateDataframeView.Name));
        Assert.Contains("REPARTITION(7, key)", SparkJobs.HashRepartitionSql(Partitions), StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.1.2-3")]
    public async Task A_partition_size_that_differs_on_spark_is_reported()
    {
        var keys = KeyDistribution.Uniform(5_000, 1_000, 3);
        var job = new RepartitionJob(Partitions);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var local = job.Run(ctx.Parallelize(keys, 2));
        await using var server = await FakeSparkConnectServer.StartAsync(Reference(job, rows => [.. rows.Take(2), "2\t1", .. rows.Skip(3)]));
        using var spark = SparkSession.Connect(server.Endpoint);

        var onSpark = await SparkJobs.HashRepartitionAsync(spark, job, keys, local);

        Assert.False(onSpark.ByRepartitionHint.Same);
        Assert.StartsWith("row 2 differs", onSpark.ByRepartitionHint.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.1.2-3")]
    public async Task A_range_report_from_spark_is_checked_against_the_keys_it_was_given()
    {
        var keys = KeyDistribution.Zipf(20_000, 5_000, 1.1, 4);
        await using var server = await FakeSparkConnectServer.StartAsync(Reference(new RepartitionJob(Partitions)));
        using var spark = SparkSession.Connect(server.Endpoint);

        var report = await SparkJobs.RangeRepartitionAsync(spark, keys, Partitions);

        Assert.True(report.OrderedAndDisjoint, report.ToString());
        Assert.Equal(keys.Length, report.Records);
        Assert.Equal(report.Partitions.Select(p => p.Records), report.RecountWithin(keys));
    }

    [Fact]
    [Goal("1.1.2-3")]
    public void Overlapping_or_incomplete_range_reports_fail_the_checks()
    {
        var keys = new[] { 1, 2, 3, 4, 5, 6 };
        var overlapping = new RangePartitionReport([new(0, 3, 1, 4), new(1, 3, 3, 6)]);
        Assert.False(overlapping.OrderedAndDisjoint);
        var truncated = new RangePartitionReport([new(0, 3, 1, 3), new(1, 3, 4, 5)]); // key 6 is in no partition's range
        Assert.True(truncated.OrderedAndDisjoint);
        Assert.NotEqual(truncated.Partitions.Select(p => p.Records), truncated.RecountWithin(keys));
    }

    [Fact]
    [Goal("1.1.2-3")]
    public void The_local_range_report_holds_the_same_properties()
    {
        var keys = KeyDistribution.Zipf(20_000, 5_000, 1.1, 4);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var report = SparkJobs.LocalRangeRepartition(ctx.Parallelize(keys, 4), Partitions);
        Assert.True(report.OrderedAndDisjoint, report.ToString());
        Assert.Equal(keys.Length, report.Records);
        Assert.Equal(report.Partitions.Select(p => p.Records), report.RecountWithin(keys));
    }
}
