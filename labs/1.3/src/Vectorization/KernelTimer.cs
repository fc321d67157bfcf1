using System.Diagnostics;

namespace StatelessMind.Labs.Programming.Vectorization;

/// <summary>
/// Times several implementations of one kernel in the same run: each repetition runs every implementation once, in
/// turn (so a burst of load on the machine hits them all), each timed over enough calls to last tens of microseconds;
/// the result is the median over repetitions, in nanoseconds per call. Each implementation is warmed up first.
/// </summary>
public static class KernelTimer
{
    /// <param name="warmup">How long to call each implementation before timing: long enough for the JIT's tiering to
    /// replace unoptimised (tier-0 or ready-to-run) code with fully optimised code that uses the CPU's vector width.</param>
    public static double[] MedianNanoseconds(IReadOnlyList<Action> implementations, int elements, int repetitions, TimeSpan warmup)
    {
        ArgumentNullException.ThrowIfNull(implementations);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var calls = Math.Max(1, 200_000 / Math.Max(1, elements));
        foreach (var run in implementations)
        {
            var started = Stopwatch.GetTimestamp();
            for (var c = 0; c < 50 || Stopwatch.GetElapsedTime(started) < warmup; c++) run();
        }
        var samples = implementations.Select(_ => new double[repetitions]).ToArray();
        for (var r = 0; r < repetitions; r++)
        {
            for (var k = 0; k < implementations.Count; k++)
            {
                var run = implementations[k];
                var start = Stopwatch.GetTimestamp();
                for (var c = 0; c < calls; c++) run();
                samples[k][r] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls;
            }
        }
        return samples.Select(Median).ToArray();
    }

    /// <summary>Calls every implementation in turn, round after round, until <paramref name="duration"/> has passed.</summary>
    public static void WarmUp(IReadOnlyList<Action> implementations, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(implementations);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
            foreach (var run in implementations) run();
    }

    public static double Median(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
