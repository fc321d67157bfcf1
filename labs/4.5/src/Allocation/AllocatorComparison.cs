namespace StatelessMind.Labs.SystemsProgramming.Allocation;

/// <summary>glibc malloc and sm_alloc on one workload: best CPU time and lowest peak RSS over the repetitions.</summary>
public sealed record AllocatorComparison(string Workload, long Operations, double GlibcCpuSeconds, double SmCpuSeconds, long GlibcMaxRssKb, long SmMaxRssKb,
    long PeakRequestedBytes, bool HeapChecksOk)
{
    /// <summary>glibc time / sm time: above 1 means sm_alloc is faster.</summary>
    public double SpeedUp => GlibcCpuSeconds / SmCpuSeconds;

    /// <summary>sm peak RSS / glibc peak RSS: below 1 means sm_alloc used less memory.</summary>
    public double RssRatio => (double)SmMaxRssKb / GlibcMaxRssKb;
}
