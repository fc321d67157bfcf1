namespace StatelessMind.Dataflow.Tests.Shuffle;

/// <summary>With a memory budget far below the shuffle's size, every wide transformation spills and still gives the
/// in-memory answer.</summary>
public sealed class SpillTests(ITestOutputHelper output)
{
    private static readonly (int Key, string Value)[] Records =
        [.. Enumerable.Range(0, 60_000).Select(i => ((i * 31) % 4999, $"v{i % 97}"))];

    [Fact]
    public void Spilled_shuffles_give_the_in_memory_results()
    {
        using var big = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        using var small = new DataflowContext(new DataflowOptions { Parallelism = 2, ShuffleMemoryBytes = 16 * 1024 });
        foreach (var ctx in new[] { big, small })
        {
            var ds = ctx.Parallelize(Records, 4);
            var counts = ds.Map(r => (r.Key, 1L)).ReduceByKey((a, b) => a + b).Collect().Order().ToList();
            var groups = ds.GroupByKey().Map(g => (g.Key, g.Values.Count)).Collect().Order().ToList();
            var sorted = ds.SortByKey(3).Keys().Collect();
            Assert.Equal(counts.Select(c => (c.Key, (int)c.Value)), groups);
            Assert.Equal(Records.Select(r => r.Key).Order(), sorted);
        }
        var spilling = small.Stages.Where(s => s.Kind == StageKind.ShuffleMap).ToList();
        foreach (var s in spilling) output.WriteLine($"{s.Name}: {s.Spills} spills, {s.SpillBytes:N0} bytes, {s.SpillMegabytesPerSecond:0} MB/s");
        Assert.All(spilling, s => Assert.True(s.Spills > 0, $"{s.Name} should have spilled"));
        Assert.DoesNotContain(big.Stages, s => s.Spills > 0);
    }

    [Fact]
    public void Planted_bug_losing_the_spilled_runs_is_caught()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2, ShuffleMemoryBytes = 16 * 1024, Bug = DataflowBug.SpillLosesEarlierRuns });
        var total = ctx.Parallelize(Records, 4).Map(r => (r.Key, 1L)).ReduceByKey((a, b) => a + b).Values().Collect().Sum();
        Assert.NotEqual(Records.Length, total);
    }

    [Fact]
    public void Stage_reports_account_for_every_shuffled_record_and_byte()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        ctx.Parallelize(Records, 4).PartitionBy(new Dataflow.Partitioning.HashPartitioner<int>(5)).Count();
        var map = ctx.Stages.Single(s => s.Kind == StageKind.ShuffleMap);
        Assert.Equal(Records.Length, map.RecordsIn);
        Assert.Equal(Records.Length, map.ShuffleRecordsWritten);
        Assert.Equal(map.ShuffleRecordsWritten, map.OutputRecordsByPartition.Sum());
        Assert.Equal(map.ShuffleBytesWritten, map.OutputBytesByPartition.Sum());
        Assert.InRange(map.ShuffleBytesPerRecord, 4, 8); // a 1–2 byte varint key and a 3–4 byte string
        Assert.Equal(5, map.Balance.Partitions);
        Assert.InRange(map.Balance.MaxOverMean, 1.0, 1.2);
        Assert.Equal(4, map.TaskMilliseconds.Count);
        Assert.True(map.TaskPercentile(99) >= map.TaskPercentile(50));
    }
}
