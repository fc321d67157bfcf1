using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Metrics;
using StatelessMind.Labs.Scalability.LoadParameters;

namespace StatelessMind.Labs.Scalability.Tests.LoadParameters;

/// <summary>Exercise 1.1.2-1c.</summary>
public sealed class LoadPointTests
{
    private static StageReport Stage(params double[] taskMs) =>
        new(1, "s", StageKind.Result, taskMs.Length, taskMs.Length, 0, 0, 0, 0, 0, 0, 0, [], [], taskMs, TimeSpan.Zero);

    [Fact]
    [Goal("1.1.2-1")]
    public void Throughput_is_records_over_job_time_and_percentiles_cover_every_task()
    {
        var p = LoadPoint.From(1000, 2, 5000, TimeSpan.FromSeconds(2), [Stage(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), Stage(100)], correct: true);
        Assert.Equal(2500, p.RecordsPerSecond);
        Assert.Equal(11, p.Tasks);
        Assert.Equal(6, p.TaskP50Ms);   // nearest rank: the 6th of 11
        Assert.Equal(100, p.TaskP95Ms);  // the 11th of 11
        Assert.Equal(100, p.TaskP99Ms);
    }

    [Fact]
    [Goal("1.1.2-1")]
    public void The_sweep_measures_every_point_and_checks_its_counts()
    {
        var path = Path.GetTempFileName();
        try
        {
            var words = Dataflow.Text.ZipfText.WriteFile(path, 100_000, vocabulary: 1000, seed: 4);
            var points = LoadSweep.Run([(path, words)], [1, 2], repeats: 1);
            Assert.Equal(2, points.Count);
            Assert.All(points, p => Assert.True(p.Correct));
            Assert.All(points, p => Assert.Equal(words, p.Records));
            Assert.Equal([4 + 1, 8 + 2], points.Select(p => p.Tasks)); // 4n map tasks plus n result tasks
        }
        finally
        {
            File.Delete(path);
        }
    }
}
