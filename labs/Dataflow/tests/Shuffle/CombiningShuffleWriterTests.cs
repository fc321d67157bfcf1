using StatelessMind.Dataflow.Partitioning;
using StatelessMind.Dataflow.Shuffle;

namespace StatelessMind.Dataflow.Tests.Shuffle;

/// <summary>The map side of the shuffle: combining, routing and spilling.</summary>
public sealed class CombiningShuffleWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("combine-test").FullName;

    private static readonly Aggregator<long, long> Sum = new(v => v, (c, v) => c + v, (a, b) => a + b);

    private (CombiningShuffleWriter<string, long, long> Writer, List<(long Bytes, double Seconds)> Spills) Writer(long budget, int reducers = 3)
    {
        var spills = new List<(long, double)>();
        var buffers = new PartitionedBuffers(reducers, Path.Combine(_dir, "w"));
        var writer = new CombiningShuffleWriter<string, long, long>(new HashPartitioner<string>(reducers), Sum,
            RecordCodecs.For<string>(), RecordCodecs.For<long>(), buffers, budget, (b, s) => spills.Add((b, s)), loseSpilledRuns: false);
        return (writer, spills);
    }

    private static Dictionary<string, long> ReadAll(MapOutput output)
    {
        var sums = new Dictionary<string, long>();
        for (var r = 0; r < output.Reducers; r++)
            foreach (var segment in output.SegmentsFor(r))
            {
                var reader = segment.Open();
                while (!reader.AtEnd)
                {
                    var key = reader.ReadString();
                    Assert.Equal(r, new HashPartitioner<string>(output.Reducers).GetPartition(key));
                    sums[key] = sums.GetValueOrDefault(key) + reader.ReadInt64();
                }
            }
        return sums;
    }

    [Fact]
    public void Values_of_a_key_are_combined_before_they_are_written()
    {
        var (writer, spills) = Writer(budget: 1 << 20);
        for (var i = 0; i < 1000; i++) writer.Write($"k{i % 7}", 1);
        var output = writer.Finish();
        Assert.Empty(spills);
        Assert.Equal(7, Enumerable.Range(0, 3).Sum(r => output.RecordsFor(r)));
        Assert.All(ReadAll(output).Values, v => Assert.InRange(v, 142, 143));
    }

    [Fact]
    public void Past_the_budget_the_map_is_spilled_and_the_partial_combiners_add_up()
    {
        var (writer, spills) = Writer(budget: 2048);
        for (var i = 0; i < 20_000; i++) writer.Write($"key-{i % 500}", 2);
        var output = writer.Finish();
        Assert.NotEmpty(spills);
        Assert.NotEmpty(writer.SpillFiles);
        Assert.All(writer.SpillFiles, f => Assert.True(File.Exists(f)));
        var sums = ReadAll(output);
        Assert.Equal(500, sums.Count);
        Assert.All(sums.Values, v => Assert.Equal(80, v));
        writer.Discard();
        Assert.All(writer.SpillFiles, f => Assert.False(File.Exists(f)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
