namespace StatelessMind.Labs.SystemsProgramming.Allocation;

/// <summary>One line of allocbench: one workload, one allocator, one repetition, in its own process.</summary>
/// <param name="CpuSeconds">CPU time of the workload (what the comparison uses: waiting for a core on a busy machine is not counted).</param>
/// <param name="MaxRssKb">Peak resident set of the process that ran it.</param>
/// <param name="HeapCheck">"ok" or "FAILED" for sm_alloc (sm_heap_check after the workload), "n/a" for glibc.</param>
public sealed record AllocBenchRun(string Workload, string Allocator, int Repetition, double Seconds, double CpuSeconds, long Operations,
    double NsPerOp, long MaxRssKb, long PeakRequestedBytes, string HeapCheck);
