using System.Diagnostics;

namespace StatelessMind.Harness.Measurement;

/// <summary>Best-of-N wall time of an action: the fastest run is the one least disturbed by other work on the machine.</summary>
public static class BestOfRuns
{
    /// <summary>Runs the action at least <paramref name="minRuns"/> times and until <paramref name="budget"/> is spent
    /// (at most <paramref name="maxRuns"/> times); returns the fastest run in seconds.</summary>
    public static double Seconds(Action action, int minRuns = 3, int maxRuns = 20, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThan(minRuns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRuns, minRuns);
        var limit = budget ?? TimeSpan.FromSeconds(0.5);
        var best = double.MaxValue;
        var total = Stopwatch.StartNew();
        for (var run = 0; run < maxRuns && (run < minRuns || total.Elapsed < limit); run++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }
}
