using System.Diagnostics;

namespace StatelessMind.Labs.Scalability.LoadParameters;

/// <summary>
/// What parallel speed-up the machine itself gives: the same fixed amount of arithmetic per thread, with nothing shared
/// and nothing allocated, on one thread and then on <c>threads</c> threads at once. On a machine whose "cores" are
/// hardware threads of fewer physical cores, or a virtual machine with a CPU quota, this is well below the thread count,
/// and no job can scale past it.
/// </summary>
public static class ParallelCapacity
{
    /// <summary>The speed-up of <paramref name="threads"/> threads over one (the fastest of <paramref name="repeats"/> runs of each).</summary>
    public static double Measure(int threads, int repeats = 3, long iterations = 50_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var one = double.MaxValue;
        var many = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            one = Math.Min(one, Run(1, iterations));
            many = Math.Min(many, Run(threads, iterations));
        }
        return threads * one / many;
    }

    /// <summary>Seconds for <paramref name="threads"/> threads each to do <paramref name="iterations"/> steps of xorshift.</summary>
    private static double Run(int threads, long iterations)
    {
        var results = new ulong[threads * 8]; // one cache line apart, so the threads share nothing
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            var x = 0x9E3779B97F4A7C15UL + (ulong)t;
            for (var i = 0L; i < iterations; i++)
            {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
            }
            results[t * 8] = x;
        }) { IsBackground = true }).ToList();
        foreach (var w in workers) w.Start();
        start.SignalAndWait();
        var timer = Stopwatch.StartNew();
        foreach (var w in workers) w.Join();
        return timer.Elapsed.TotalSeconds;
    }
}
