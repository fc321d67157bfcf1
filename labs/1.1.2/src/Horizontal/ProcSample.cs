namespace StatelessMind.Labs.Scalability.Horizontal;

/// <summary>One reading of one process from /proc: CPU time so far (user + system, in clock ticks), resident memory,
/// threads, and the context switches so far (voluntary: it waited for something; involuntary: it was preempted).</summary>
public sealed record ProcSample(TimeSpan At, int Pid, long CpuTicks, long RssBytes, int Threads, long VoluntarySwitches, long InvoluntarySwitches);
