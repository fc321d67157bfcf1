using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Partitioning;
using StatelessMind.Labs.Scalability.Partitioning;

namespace StatelessMind.Labs.Scalability.Tests.Partitioning;

/// <summary>Exercise 1.1.2-3f, and balance measured on the two key laws.</summary>
public sealed class RangeQueryTests
{
    [Fact]
    [Goal("1.1.2-3")]
    public void A_pruned_range_query_reads_few_partitions_and_returns_the_full_scans_keys()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var keys = KeyDistribution.Uniform(50_000, 100_000, 3);
        var ds = ctx.Parallelize(keys, 4);
        var partitioner = RangePartitioning.Sketch(ds, 10);
        var partitions = ds.Map(k => (k, 0)).PartitionBy(partitioner).Keys().CollectPartitions();
        var (found, read, records) = RangeQueries.Pruned(partitions, partitioner, 40_000, 41_000);
        Assert.Equal(RangeQueries.FullScan(partitions, 40_000, 41_000).Order(), found.Order());
        Assert.InRange(read, 1, 2);
        Assert.True(records < keys.Length / 4);
    }

    [Fact]
    [Goal("1.1.2-3")]
    public void Planted_bug_wrapping_the_top_range_makes_a_pruned_query_miss_keys()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var keys = KeyDistribution.Uniform(20_000, 100_000, 3);
        var ds = ctx.Parallelize(keys, 4);
        var buggy = new RangePartitioner<int>(RangePartitioning.Sketch(ds, 8).Bounds, bug: DataflowBug.RangePartitionerWrapsTopRange);
        var partitions = ds.Map(k => (k, 0)).PartitionBy(buggy).Keys().CollectPartitions();
        var (low, high) = (buggy.Bounds[^1] - 500, buggy.Bounds[^1] + 500); // a query across the last bound
        var (found, _, _) = RangeQueries.Pruned(partitions, buggy, low, high);
        Assert.NotEqual(RangeQueries.FullScan(partitions, low, high).Count, found.Count);
    }

    [Fact]
    [Goal("1.1.2-3")]
    public void Zipf_keys_are_skewed_and_uniform_keys_are_not()
    {
        var zipf = KeyDistribution.Zipf(100_000, 1_000_000, 1.1, 5);
        var uniform = KeyDistribution.Uniform(100_000, 1_000_000, 5);
        Assert.True(zipf.Count(k => k == 0) > 5_000, "key 0 is the hottest Zipf key");
        Assert.True(uniform.GroupBy(k => k).Max(g => g.Count()) < 10);
    }
}
