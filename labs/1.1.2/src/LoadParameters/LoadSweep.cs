using System.Diagnostics;
using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Jobs;

namespace StatelessMind.Labs.Scalability.LoadParameters;

/// <summary>
/// Runs the same real job — word count over generated Zipf text on the dataflow layer, input cut into
/// 4 × parallelism splits — at every (input size, parallelism) of a grid, each point the fastest of a few runs after a
/// warm-up, the runs taken in rounds over the thread counts (on a shared machine the fastest run is the one least
/// disturbed by other work), and checks every run's
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
            var contexts = parallelism.Select(n => new DataflowContext(new DataflowOptions { Parallelism = n, CancellationToken = cancellationToken })).ToList();
            try
            {
                foreach (var (ctx, n) in contexts.Zip(parallelism))
                    WordCountJob.Run(ctx.TextFile(path, 4 * n), n).Count(); // warm-up: JIT, page cache
                // The repeats go round the thread counts (1, 2, …, 8, 1, 2, …), so that a spell of other work on the
                // machine slows one run of several points rather than every run of one point, and the fastest run of
                // each point is then an undisturbed one.
                var runs = parallelism.Select(_ => new List<LoadPoint>()).ToList();
                for (var r = 0; r < repeats; r++)
                {
                    foreach (var (ctx, i) in contexts.Select((c, i) => (c, i)))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var n = parallelism[i];
                        progress?.Invoke((double)done++ / (inputs.Count * parallelism.Count * repeats), $"{bytes / 1e6:0.#} MB with {n} threads, run {r + 1} of {repeats}");
                        ctx.ClearStageReports();
                        var start = Stopwatch.GetTimestamp();
                        var counts = WordCountJob.Run(ctx.TextFile(path, 4 * n), n).Collect();
                        var elapsed = Stopwatch.GetElapsedTime(start);
                        var correct = counts.Count == expected.Count && counts.All(c => expected.TryGetValue(c.Word, out var e) && e == c.Count);
                        runs[i].Add(LoadPoint.From(bytes, n, words, elapsed, ctx.Stages, correct));
                    }
                }
                points.AddRange(runs.Select(r => r.MinBy(p => p.JobSeconds)! with { Correct = r.All(p => p.Correct) }));
            }
            finally
            {
                foreach (var ctx in contexts) ctx.Dispose();
            }
        }
        return points;
    }
}
