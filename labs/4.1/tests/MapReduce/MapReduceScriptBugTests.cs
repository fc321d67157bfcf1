using StatelessMind.Dataflow.MapReduce;
using StatelessMind.Labs.DatabaseTheory.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.Tests.MapReduce;

/// <summary>Each check of <see cref="MapReduceScriptTests"/> run against a coordinator or worker with a planted
/// mistake: the check must fail. (The missing task timeout is caught in the layer's CoordinatorTests.)</summary>
public sealed class MapReduceScriptBugTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.1-1")]
    public async Task Planted_bug_one_task_at_a_time_shows_no_map_parallelism()
    {
        var run = await MapReduceScriptTests.MapParallelismRunAsync(MapReduceBug.OneTaskAtATime);
        Assert.DoesNotContain(run.Output, l => l.StartsWith("parallel-2 ", StringComparison.Ordinal));
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task Planted_bug_one_task_at_a_time_shows_no_reduce_parallelism()
    {
        var run = await MapReduceScriptTests.ReduceParallelismRunAsync(MapReduceBug.OneTaskAtATime);
        Assert.DoesNotContain(run.Output, l => l.EndsWith(" 2", StringComparison.Ordinal));
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task Planted_bug_handing_out_running_tasks_runs_a_map_twice()
    {
        var (_, lines, inputs) = await MapReduceScriptTests.JobCountRunAsync(MapReduceBug.ReissueRunningTasks);
        output.WriteLine(string.Join("\n", lines));
        Assert.NotEqual([$"a {inputs}"], lines);
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task Planted_bug_exiting_when_nothing_is_idle_is_an_early_exit()
    {
        var (atFirstExit, final) = await MapReduceScriptTests.EarlyExitRunAsync(MapReduceBug.ExitWhenNothingIdle);
        Assert.NotEqual(final, atFirstExit);
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task Planted_bug_writing_reduce_output_in_place_breaks_the_crash_test()
    {
        var (run, reference) = await MapReduceScriptTests.CrashRunAsync(MapReduceBug.ReduceWritesOutputInPlace, output);
        Assert.NotEqual(reference, run.Output);
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task Planted_bug_a_value_counting_combiner_breaks_word_count()
    {
        using var inputs = MapReduceInputs.Fortunes(4);
        var run = await MapReduceRun.RunAsync(MapReduceJob.For<ValueCountingWordCountApplication>(inputs.Inputs, 3, inputs.Work), 2, false,
            MapReduceScriptTests.Deadline);
        Assert.NotEqual(SequentialMapReduce.Run(new WordCountApplication(), inputs.Inputs), run.Output);
    }
}
