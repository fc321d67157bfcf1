using System.Diagnostics;
using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Jobs;

namespace StatelessMind.Labs.Scalability.LoadParameters;

/// <summary>
/// Runs the same real job — word count over generated Zipf text on the dataflow layer, input cut into
/// 4 × parallelism splits — at every (input size, parallelism) of a grid, each point the fastest of a few runs after a
/// warm-up (on a shared machine the fastest run is the one least disturbed by other work), and checks every run's
/// counts against a sequential count.
/// </summary>
public static class LoadSweep
{
    public static IReadOnlyList<LoadPoint> Run(IReadOnlyList<(string Path, long Words)> inputs, IReadOnlyList<int> parallelism, int repeats,
        Action<double, string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(parallelism);
        var points = new List<LoadPoint>();
        var done = 0;
        foreach (var (path, words) in inputs)
        {
            var expected = WordCountJob.Sequential(File.ReadLines(path));
            var bytes = new FileInfo(path).Length;
            foreach (var n in parallelism)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Invoke((double)done++ / (inputs.Count * parallelism.Count), $"{bytes / 1e6:0.#} MB with {n} threads");
                using var ctx = new DataflowContext(new DataflowOptions { Parallelism = n, CancellationToken = cancellationToken });
                WordCountJob.Run(ctx.TextFile(path, 4 * n), n).Count(); // warm-up: JIT, page cache
                var runs = new List<LoadPoint>();
                for (var r = 0; r < repeats; r++)
                {
                    ctx.ClearStageReports();
                    var start = Stopwatch.GetTimestamp();
                    var counts = WordCountJob.Run(ctx.TextFile(path, 4 * n), n).Collect();
                    var elapsed = Stopwatch.GetElapsedTime(start);
                    var correct = counts.Count == expected.Count && counts.All(c => expected.TryGetValue(c.Word, out var e) && e == c.Count);
                    runs.Add(LoadPoint.From(bytes, n, words, elapsed, ctx.Stages, correct));
                }
                var fastest = runs.MinBy(p => p.JobSeconds)!;
                points.Add(fastest with { Correct = runs.All(p => p.Correct) });
            }
        }
        return points;
    }
}
