using System.Runtime.InteropServices;

namespace StatelessMind.Harness.Measurement;

/// <summary>CPU time of the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID)), the clock the native
/// benchmarks use too: on a shared machine, time spent waiting for a core is not the code's cost. Linux only.</summary>
public static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3; // Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    public static double NowNanoseconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var t) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        return t.Seconds * 1e9 + t.Nanoseconds;
    }
}
