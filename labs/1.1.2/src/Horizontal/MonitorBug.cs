namespace StatelessMind.Labs.Scalability.Horizontal;

/// <summary>A planted mistake of the monitor (tests only).</summary>
public enum MonitorBug
{
    None,

    /// <summary>CPU time is read as utime alone: a process that spends its time in system calls looks idle.</summary>
    UserTimeOnly,
}
