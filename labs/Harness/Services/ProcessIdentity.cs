using System.Globalization;

namespace StatelessMind.Harness.Services;

/// <summary>
/// A process as the kernel knows it: its pid, its start time (field 22 of <c>/proc/&lt;pid&gt;/stat</c>, in clock ticks
/// since boot) and its executable (<c>/proc/&lt;pid&gt;/exe</c>). A pid alone may be reused by a stranger once its process
/// has ended; the three together name one process, so a recorded server is signalled only while it is still that server.
/// </summary>
/// <param name="Pid">The process id.</param>
/// <param name="StartTicks">Its start time in clock ticks since boot, as text ("?" when unreadable).</param>
/// <param name="Executable">The program it runs, or null when this user may not read it.</param>
public sealed record ProcessIdentity(int Pid, string StartTicks, string? Executable)
{
    private const string DeletedSuffix = " (deleted)";

    /// <summary>The identity of a running process, or null when no such process runs.</summary>
    /// <param name="pid">The process id.</param>
    public static ProcessIdentity? Of(int pid)
    {
        if (!HostCommands.IsAlive(pid)) return null;
        var ticks = StartTicksOf(pid);
        return ticks is null ? null : new ProcessIdentity(pid, ticks, ExecutableOf(pid));
    }

    /// <summary>Whether the process this identity names still runs: same pid, same start time and, when one was recorded,
    /// the same executable (an executable this user cannot read does not match: nothing unverified is signalled).</summary>
    public bool IsRunning =>
        HostCommands.IsAlive(Pid) && StartTicksOf(Pid) == StartTicks && (Executable is null || ExecutableOf(Pid) == Executable);

    /// <summary>"pid start-ticks executable": one line of a servers.pid file.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Pid} {StartTicks} {Executable ?? "?"}");

    /// <summary>Reads a line written by <see cref="ToString"/>; null when it is not one (e.g. a bare pid of an older format).</summary>
    /// <param name="line">The line.</param>
    public static ProcessIdentity? Parse(string line)
    {
        var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0) return null;
        return new ProcessIdentity(pid, parts[1], parts[2] == "?" ? null : parts[2]);
    }

    /// <summary>Field 22 of /proc/pid/stat (the start time), or null when the process is gone.</summary>
    /// <param name="pid">The process id.</param>
    public static string? StartTicksOf(int pid) => ReadProc(() =>
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 ? fields[19] : null;
    });

    /// <summary>The executable a process runs (the target of /proc/pid/exe), or null when it cannot be read
    /// (another user's process, seen by a non-root user).</summary>
    /// <param name="pid">The process id.</param>
    public static string? ExecutableOf(int pid) => ReadProc(() =>
    {
        var target = new FileInfo($"/proc/{pid}/exe").LinkTarget;
        // A program replaced on disk since it started (a package upgrade) shows as "… (deleted)".
        return target is not null && target.EndsWith(DeletedSuffix, StringComparison.Ordinal) ? target[..^DeletedSuffix.Length] : target;
    });

    /// <summary>The working folder of a process (PostgreSQL's postmaster and backends work in the data folder), or null.</summary>
    /// <param name="pid">The process id.</param>
    public static string? WorkingDirectoryOf(int pid) => ReadProc(() => new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget);

    /// <summary>Reads from /proc; null when the process has gone or is not this user's to inspect.</summary>
    private static string? ReadProc(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
