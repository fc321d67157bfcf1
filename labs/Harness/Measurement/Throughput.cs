using System.Diagnostics;

namespace StatelessMind.Harness.Measurement;

/// <summary>Operations (and optionally bytes) completed over an elapsed time.</summary>
public sealed record Throughput(long Operations, TimeSpan Elapsed, long Bytes = 0)
{
    public double PerSecond => Elapsed > TimeSpan.Zero ? Operations / Elapsed.TotalSeconds : 0;
    public double MegabytesPerSecond => Elapsed > TimeSpan.Zero ? Bytes / 1e6 / Elapsed.TotalSeconds : 0;
    public double MicrosecondsPerOperation => Operations > 0 ? Elapsed.TotalMicroseconds / Operations : 0;

    /// <summary>Times a batch of work that reports how many operations it completed.</summary>
    public static async Task<Throughput> MeasureAsync(Func<Task<long>> work)
    {
        var start = Stopwatch.GetTimestamp();
        var ops = await work();
        return new Throughput(ops, Stopwatch.GetElapsedTime(start));
    }

    public static Throughput Measure(Func<long> work)
    {
        var start = Stopwatch.GetTimestamp();
        var ops = work();
        return new Throughput(ops, Stopwatch.GetElapsedTime(start));
    }

    public override string ToString() => $"{PerSecond:N0} ops/s ({Operations:N0} in {Elapsed.TotalSeconds:0.###} s)";
}
