using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Text;
using StatelessMind.Labs.DatabaseTheory.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.Tests.MapReduce;

/// <summary>Exercise 4.1-1a: the map, combine and reduce functions, and the whole pipeline on the layer over real prose.</summary>
public sealed class WordCountTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.1-1")]
    public void Map_emits_one_pair_per_word_and_combine_adds_them_up()
    {
        Assert.Equal([("It", 1L), ("was", 1L), ("the", 1L), ("best", 1L), ("of", 1L), ("times", 1L), ("it", 1L), ("was", 1L)],
            WordCount.Map("It was the best of times, it was...").ToList());
        var combined = WordCount.Combine([("a", 1L), ("b", 1L), ("a", 3L)]).ToDictionary(p => p.Word, p => p.Count);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 4, ["b"] = 1 }, combined);
        Assert.Equal(9, WordCount.Sum([4, 5]));
        Assert.Equal(2, WordCount.Reduce([4, 5], WordCountBug.ReduceCountsValues));
    }

    [Theory]
    [Goal("4.1-1")]
    [InlineData(1, true)]
    [InlineData(8, true)]
    [InlineData(5, false)]
    public void Word_count_over_the_fortunes_equals_the_sequential_count(int reducers, bool combine)
    {
        var files = FortuneCorpus.Files();
        var expected = WordCount.Sequential(files.SelectMany(File.ReadLines));
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2, ShuffleMemoryBytes = 1 << 20 });
        var counts = WordCount.Run(ctx.TextFiles(files), reducers, combine).Collect();
        Assert.True(MapReduceExperiment.SameCounts(counts, expected));
        var map = ctx.Stages.First(s => s.Kind == StageKind.ShuffleMap);
        output.WriteLine($"{expected.Values.Sum():N0} words, {expected.Count:N0} distinct; shuffle {map.ShuffleRecordsWritten:N0} records, " +
                         $"{map.ShuffleBytesPerRecord:0.0} B/record, {map.Spills} spills");
        Assert.Equal(files.Count, map.Tasks);
    }

    [Fact]
    [Goal("4.1-1")]
    public void Planted_bug_a_reduce_that_counts_values_is_caught_once_a_combiner_runs()
    {
        var lines = FortuneCorpus.Files().Take(4).SelectMany(File.ReadLines).ToList();
        var expected = WordCount.Sequential(lines);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var data = ctx.Parallelize(lines, 4);
        Assert.True(MapReduceExperiment.SameCounts(WordCount.Run(data, 3, combine: false, bug: WordCountBug.ReduceCountsValues).Collect(), expected));
        Assert.False(MapReduceExperiment.SameCounts(WordCount.Run(data, 3, combine: true, bug: WordCountBug.ReduceCountsValues).Collect(), expected));
    }
}
