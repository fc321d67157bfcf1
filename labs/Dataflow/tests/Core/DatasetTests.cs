using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Dataflow.Tests.Core;

/// <summary>Every transformation against LINQ on the same data, on several partition counts and thread counts.</summary>
public sealed class DatasetTests
{
    private static readonly int[] Numbers = [.. Enumerable.Range(0, 5000).Select(i => (i * 7919) % 1013)];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 2)]
    [InlineData(7, 3)]
    public void Narrow_transformations_equal_linq(int partitions, int threads)
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = threads });
        var ds = ctx.Parallelize(Numbers, partitions);
        Assert.Equal(Numbers.Select(x => x * 2), ds.Map(x => x * 2).Collect());
        Assert.Equal(Numbers.Where(x => x % 3 == 0), ds.Filter(x => x % 3 == 0).Collect());
        Assert.Equal(Numbers.SelectMany(x => new[] { x, -x }), ds.FlatMap(x => new[] { x, -x }).Collect());
        Assert.Equal(Numbers.Length, ds.Count());
        Assert.Equal(partitions, ds.CollectPartitions().Count);
        var sums = ds.MapPartitions(p => new[] { p.Sum() }).Collect();
        Assert.Equal(Numbers.Sum(), sums.Sum());
        Assert.Equal(partitions, sums.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReduceByKey_equals_a_grouped_sum(bool mapSideCombine)
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var result = ctx.Parallelize(Numbers, 5).Map(x => (x % 97, (long)x)).ReduceByKey((a, b) => a + b, mapSideCombine: mapSideCombine).Collect();
        var expected = Numbers.GroupBy(x => x % 97).ToDictionary(g => g.Key, g => g.Sum(x => (long)x));
        Assert.Equal(expected.Count, result.Count);
        foreach (var (key, sum) in result) Assert.Equal(expected[key], sum);
    }

    [Fact]
    public void Map_side_combine_shrinks_what_crosses_the_shuffle()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var ds = ctx.Parallelize(Numbers, 4).Map(x => (x % 10, 1L));
        ds.ReduceByKey((a, b) => a + b, mapSideCombine: true).Collect();
        var combined = ctx.Stages.First(s => s.Kind == StageKind.ShuffleMap);
        ctx.ClearStageReports();
        ds.ReduceByKey((a, b) => a + b, mapSideCombine: false).Collect();
        var plain = ctx.Stages.First(s => s.Kind == StageKind.ShuffleMap);
        Assert.Equal(4 * 10, combined.ShuffleRecordsWritten); // one record per key per map task
        Assert.Equal(Numbers.Length, plain.ShuffleRecordsWritten);
    }

    [Fact]
    public void GroupByKey_and_Distinct_equal_linq()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var ds = ctx.Parallelize(Numbers, 6);
        var groups = ds.Map(x => (x % 13, x)).GroupByKey().Collect().ToDictionary(g => g.Key, g => g.Values.Order().ToArray());
        foreach (var g in Numbers.GroupBy(x => x % 13)) Assert.Equal(g.Order().ToArray(), groups[g.Key]);
        Assert.Equal(Numbers.Distinct().Order(), ds.Distinct(3).Collect().Order());
    }

    [Fact]
    public void Join_equals_a_nested_loop_join_including_repeated_keys()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var left = Enumerable.Range(0, 300).Select(i => (i % 50, $"L{i}")).ToArray();
        var right = Enumerable.Range(0, 200).Select(i => (i % 70, i)).ToArray();
        var expected = (from l in left from r in right where l.Item1 == r.Item1 select (l.Item1, l.Item2, r.Item2)).Order().ToList();
        var joined = ctx.Parallelize(left, 3).Join(ctx.Parallelize(right, 4)).Collect().Select(j => (j.Key, j.Value.Left, j.Value.Right)).Order().ToList();
        Assert.Equal(expected, joined);
    }

    [Fact]
    public void Planted_bug_join_keeping_the_first_match_only_is_caught()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2, Bug = DataflowBug.JoinKeepsFirstMatchOnly });
        var left = Enumerable.Range(0, 100).Select(i => (i % 10, i)).ToArray();
        var right = Enumerable.Range(0, 10).Select(i => (i, i)).ToArray();
        var count = ctx.Parallelize(left, 2).Join(ctx.Parallelize(right, 2)).Count();
        Assert.NotEqual(100, count); // the nested-loop join has 100 rows
    }

    [Fact]
    public void A_join_of_co_partitioned_sides_needs_no_new_shuffle()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var p = new HashPartitioner<int>(4);
        var left = ctx.Parallelize(Enumerable.Range(0, 400).Select(i => (i % 40, i)), 3).PartitionBy(p).Cache();
        var right = ctx.Parallelize(Enumerable.Range(0, 40).Select(i => (i, -i)), 2).PartitionBy(p).Cache();
        left.Count();
        right.Count();
        ctx.ClearStageReports();
        Assert.Equal(400, left.Join(right).Count());
        Assert.DoesNotContain(ctx.Stages, s => s.Kind == StageKind.ShuffleMap);
    }

    [Fact]
    public void SortByKey_gives_a_total_order_over_partitions()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var random = new Random(3);
        var keys = Enumerable.Range(0, 4000).Select(_ => random.Next(100_000)).ToArray();
        var sorted = ctx.Parallelize(keys.Select(k => (k, k.ToString(System.Globalization.CultureInfo.InvariantCulture))), 5).SortByKey(4);
        var partitions = sorted.CollectPartitions();
        Assert.Equal(keys.Order(), partitions.SelectMany(p => p).Select(r => r.Key));
        Assert.True(partitions.Count(p => p.Count > 0) >= 3, "the sample should spread the keys over the partitions");
        Assert.Equal(keys.OrderBy(k => -k), ctx.Parallelize(keys, 3).SortBy(k => -k).Collect());
    }

    [Fact]
    public void Cache_computes_each_partition_once()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var computed = 0;
        var cached = ctx.Parallelize(Numbers, 4).Map(x => { Interlocked.Increment(ref computed); return x; }).Cache();
        cached.Count();
        cached.Count();
        Assert.Equal(Numbers.Length, computed);
    }

    [Fact]
    public void Bad_options_and_arguments_are_refused_with_what_was_wrong()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataflowContext(new DataflowOptions { Parallelism = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataflowContext(new DataflowOptions { MaxTaskAttempts = 0 }));
        using var ctx = new DataflowContext();
        var e = Assert.Throws<FileNotFoundException>(() => ctx.TextFile("/no/such/file.txt"));
        Assert.Contains("/no/such/file.txt", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ctx.Parallelize(Numbers, 0));
    }
}
