using StatelessMind.Dataflow.Jobs;
using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Dataflow.Tests.MapReduce;

/// <summary>Exercise 4.1-1c: what a map task and a reduce task leave in the work folder.</summary>
[Goal("4.1-1")]
public sealed class IntermediateFilesTests : IDisposable
{
    private readonly MapReduceTestFiles _files = new(3);
    private readonly WordCountJob.Application _app = new();

    private MapReduceTaskInfo Task(MapReduceTaskKind kind, int number, int attempt = 1) =>
        new($"{kind}-{number}", kind, number, attempt, _files.Inputs.Count, 4, _files.Work, Environment.ProcessId);

    [Fact]
    public void A_map_task_writes_one_combined_file_per_reduce_task_with_only_its_keys()
    {
        IntermediateFiles.RunMap(_app, Task(MapReduceTaskKind.Map, 0), _files.Inputs[0]);
        var total = 0L;
        for (var r = 0; r < 4; r++)
        {
            var pairs = IntermediateFiles.ReadMapOutput(IntermediateFiles.MapOutput(_files.Work, 0, r)).ToList();
            Assert.All(pairs, p => Assert.Equal(r, IntermediateFiles.ReduceTaskOf(p.Key, 4)));
            Assert.Equal(pairs.Count, pairs.Select(p => p.Key).Distinct().Count()); // combined: one pair per key
            total += pairs.Sum(p => long.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(200 * 8, total);
        Assert.Empty(Directory.EnumerateFiles(_files.Work, "*.tmp*"));
    }

    [Fact]
    public void Reduce_tasks_together_equal_the_sequential_run_and_rerunning_one_changes_nothing()
    {
        for (var m = 0; m < _files.Inputs.Count; m++) IntermediateFiles.RunMap(_app, Task(MapReduceTaskKind.Map, m), _files.Inputs[m]);
        for (var r = 0; r < 4; r++) IntermediateFiles.RunReduce(_app, Task(MapReduceTaskKind.Reduce, r));
        var first = IntermediateFiles.ReadSortedOutput(_files.Work);
        Assert.Equal(SequentialMapReduce.Run(_app, _files.Inputs), first);
        var lines = File.ReadAllLines(IntermediateFiles.ReduceOutput(_files.Work, 1));
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines); // each output file is in key order
        IntermediateFiles.RunReduce(_app, Task(MapReduceTaskKind.Reduce, 1, attempt: 2));
        Assert.Equal(first, IntermediateFiles.ReadSortedOutput(_files.Work));
    }

    [Fact]
    public void Planted_bug_writing_the_output_in_place_duplicates_lines_on_re_execution()
    {
        for (var m = 0; m < _files.Inputs.Count; m++) IntermediateFiles.RunMap(_app, Task(MapReduceTaskKind.Map, m), _files.Inputs[m]);
        for (var r = 0; r < 4; r++) IntermediateFiles.RunReduce(_app, Task(MapReduceTaskKind.Reduce, r), MapReduceBug.ReduceWritesOutputInPlace);
        IntermediateFiles.RunReduce(_app, Task(MapReduceTaskKind.Reduce, 1, attempt: 2), MapReduceBug.ReduceWritesOutputInPlace);
        Assert.NotEqual(SequentialMapReduce.Run(_app, _files.Inputs), IntermediateFiles.ReadSortedOutput(_files.Work));
    }

    [Fact]
    public void A_missing_intermediate_file_is_an_error_naming_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => IntermediateFiles.RunReduce(_app, Task(MapReduceTaskKind.Reduce, 0)));
        Assert.Contains("mr-0-0", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
