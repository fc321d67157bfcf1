namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>
/// The peak of this process's managed heap during a piece of work, above what was live when it started: sampled every
/// couple of milliseconds on a thread of its own (a sample can miss a spike shorter than that, never invent one).
/// </summary>
public sealed class HeapPeakSampler : IDisposable
{
    private readonly long _baseline;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    private HeapPeakSampler()
    {
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _peak = _baseline;
        _thread = new Thread(Loop) { IsBackground = true, Name = "heap-peak" };
        _thread.Start();
    }

    public static HeapPeakSampler Start() => new();

    /// <summary>The peak heap above the baseline, in bytes (sampled up to now).</summary>
    public long PeakAboveBaseline => Math.Max(0, Interlocked.Read(ref _peak) - _baseline);

    private void Loop()
    {
        while (!_stop)
        {
            var now = GC.GetTotalMemory(forceFullCollection: false);
            if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
            Thread.Sleep(2);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        var last = GC.GetTotalMemory(forceFullCollection: false);
        if (last > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, last);
    }
}
