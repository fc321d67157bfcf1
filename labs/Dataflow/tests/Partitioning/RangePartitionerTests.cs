using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Dataflow.Tests.Partitioning;

/// <summary>Range bounds from a weighted sample (exercise 1.1.2-3b), routing, pruning and the planted bug.</summary>
[Goal("1.1.2-3")]
public sealed class RangePartitionerTests
{
    [Fact]
    public void Keys_go_to_the_range_whose_upper_bound_is_the_first_at_or_above_them()
    {
        var p = new RangePartitioner<int>([10, 20, 30]);
        Assert.Equal(4, p.NumPartitions);
        Assert.Equal(0, p.GetPartition(-5));
        Assert.Equal(0, p.GetPartition(10));
        Assert.Equal(1, p.GetPartition(11));
        Assert.Equal(2, p.GetPartition(30));
        Assert.Equal(3, p.GetPartition(31));
        Assert.Equal((1, 2), p.PartitionsFor(15, 25));
        Assert.Throws<ArgumentException>(() => new RangePartitioner<int>([5, 5]));
    }

    [Fact]
    public void Bounds_split_the_sampled_weight_evenly()
    {
        var candidates = Enumerable.Range(1, 100).Select(k => (k, 1.0));
        var p = RangePartitioner<int>.FromWeightedSample(candidates, 4);
        Assert.Equal([25, 50, 75], p.Bounds);
    }

    [Fact]
    public void Weights_count_how_many_keys_a_sample_stands_for()
    {
        // Keys 1..10 sampled from a partition 9 times larger than the one keys 11..20 came from.
        var candidates = Enumerable.Range(1, 10).Select(k => (k, 9.0)).Concat(Enumerable.Range(11, 10).Select(k => (k, 1.0)));
        var p = RangePartitioner<int>.FromWeightedSample(candidates, 2);
        Assert.Equal([6], p.Bounds); // keys 1..6 carry 54 of the 100 units of weight
    }

    [Fact]
    public void A_heavy_key_cannot_close_two_ranges()
    {
        var candidates = Enumerable.Repeat((7, 1.0), 80).Concat(Enumerable.Range(8, 20).Select(k => (k, 1.0)));
        var p = RangePartitioner<int>.FromWeightedSample(candidates, 4);
        // The heavy key closes the first range once; the next ranges close on the first keys after it.
        Assert.Equal([7, 8, 9], p.Bounds);
    }

    [Fact]
    public void Sketching_a_dataset_balances_uniform_keys()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var random = new Random(5);
        var keys = ctx.Parallelize(Enumerable.Range(0, 50_000).Select(_ => random.Next()).ToArray(), 6);
        var p = RangePartitioning.Sketch(keys, 8);
        Assert.Equal(8, p.NumPartitions);
        var sizes = new long[8];
        foreach (var k in keys.Collect()) sizes[p.GetPartition(k)]++;
        Assert.InRange(Dataflow.Metrics.PartitionBalance.Of(sizes).MaxOverMean, 1.0, 1.5);
    }

    [Fact]
    public void Planted_bug_wrapping_the_top_range_breaks_the_global_order()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2, Bug = DataflowBug.RangePartitionerWrapsTopRange });
        var keys = Enumerable.Range(0, 2000).Select(i => (i * 7919) % 2000).ToArray();
        var sorted = ctx.Parallelize(keys.Select(k => (k, 0)), 4).SortByKey(4).Keys().Collect();
        Assert.NotEqual(keys.Order(), sorted);
    }
}
