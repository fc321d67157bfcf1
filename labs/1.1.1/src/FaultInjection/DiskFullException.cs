namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>The store has no room for a write (ENOSPC). Permanent until space is freed; nothing was written.</summary>
public sealed class DiskFullException(string path, long capacity, long used, long requested)
    : IOException($"Disk full: {path} is capped at {capacity:N0} bytes, {used:N0} are used and the write needs {requested:N0} more. " +
                  "Nothing was written; free space or raise the cap, then retry.")
{
    public string FilePath { get; } = path;
    public long Capacity { get; } = capacity;
    public long Used { get; } = used;
    public long Requested { get; } = requested;
}
