using System.Diagnostics;
using HdrHistogram;

namespace StatelessMind.Harness.Measurement;

/// <summary>
/// Records latencies into an HdrHistogram (1 µs to 1 hour, 3 significant digits), so p99 and p99.9
/// are exact to 0.1% without keeping every sample. Safe to record from several threads.
/// </summary>
public sealed class LatencyRecorder
{
    private const long HighestTrackableMicroseconds = 3_600_000_000L; // one hour
    private readonly LongHistogram _histogram = new(1, HighestTrackableMicroseconds, 3);
    private readonly Lock _gate = new();

    public long Count
    {
        get { lock (_gate) return _histogram.TotalCount; }
    }

    public void Record(TimeSpan latency)
    {
        var micros = Math.Clamp((long)Math.Round(latency.TotalMicroseconds), 1, HighestTrackableMicroseconds);
        lock (_gate) _histogram.RecordValue(micros);
    }

    /// <summary>Records the time since a <see cref="Stopwatch.GetTimestamp"/> value.</summary>
    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    /// <summary>Runs and times one operation.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await operation();
        RecordSince(start);
        return result;
    }

    public async Task TimeAsync(Func<Task> operation)
    {
        var start = Stopwatch.GetTimestamp();
        await operation();
        RecordSince(start);
    }

    public TimeSpan Percentile(double percentile)
    {
        lock (_gate)
            return _histogram.TotalCount == 0 ? TimeSpan.Zero : TimeSpan.FromMicroseconds(_histogram.GetValueAtPercentile(percentile));
    }

    public LatencySummary Summarize()
    {
        lock (_gate)
        {
            if (_histogram.TotalCount == 0) return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
            double Ms(long micros) => micros / 1000.0;
            return new LatencySummary(
                _histogram.TotalCount,
                _histogram.GetMean() / 1000.0,
                Ms(_histogram.GetValueAtPercentile(50)),
                Ms(_histogram.GetValueAtPercentile(90)),
                Ms(_histogram.GetValueAtPercentile(99)),
                Ms(_histogram.GetValueAtPercentile(99.9)),
                Ms(_histogram.GetMaxValue()));
        }
    }

    public void Reset()
    {
        lock (_gate) _histogram.Reset();
    }
}
