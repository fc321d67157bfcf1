using System.Collections.Concurrent;
using System.Globalization;

namespace StatelessMind.Harness.Services;

/// <summary>
/// The folder under which embedded services keep their data (one sub-folder each), and the
/// bookkeeping that guarantees no server outlives the process that started it:
/// every sub-folder records its owner's pid and the server pids it started; live ones are
/// stopped when the owner exits, and folders left by an owner that died (SIGKILL, a crash)
/// are swept — their servers killed, their data removed — the next time any owner starts.
/// </summary>
public static class ServiceWorkspace
{
    private const string OwnerFile = "owner.pid";
    private const string ServerPidsFile = "servers.pid";
    private static readonly ConcurrentDictionary<string, Func<ValueTask>> Live = new();
    private static readonly Lock SweepLock = new();
    private static bool _swept;

    static ServiceWorkspace()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllOnExit();
    }

    public static string Root { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("SM_SERVICE_DIR") is { Length: > 0 } d ? d : Path.GetTempPath(),
        "stateless-mind");

    /// <summary>Creates a fresh folder for one service instance, sweeping orphans first.</summary>
    public static string CreateInstanceDirectory(string kind)
    {
        SweepOrphans();
        Directory.CreateDirectory(Root);
        if (HostCommands.IsRoot && !OperatingSystem.IsWindows()) File.SetUnixFileMode(Root, (UnixFileMode)Convert.ToInt32("1777", 8));
        var dir = Path.Combine(Root, $"{kind}-{Guid.NewGuid():N}"[..(kind.Length + 13)]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, OwnerFile), CurrentProcessIdentity);
        return dir;
    }

    /// <summary>Records a server pid under an instance folder, so an orphan sweep can kill it.</summary>
    public static void RecordServerPid(string instanceDirectory, int pid) =>
        File.AppendAllText(Path.Combine(instanceDirectory, ServerPidsFile), pid.ToString(CultureInfo.InvariantCulture) + "\n");

    /// <summary>Registers a stop action that runs at process exit unless the instance was disposed first.</summary>
    public static void Register(string instanceDirectory, Func<ValueTask> stop) => Live[instanceDirectory] = stop;

    public static void Unregister(string instanceDirectory) => Live.TryRemove(instanceDirectory, out _);

    private static void StopAllOnExit()
    {
        foreach (var (dir, stop) in Live.ToArray())
        {
            try
            {
                stop().AsTask().Wait(TimeSpan.FromSeconds(10));
            }
            catch (Exception)
            {
                // Exit path: fall back to killing what the folder records.
                KillRecordedServers(dir);
            }
            HostCommands.DeleteDirectory(dir);
        }
    }

    /// <summary>Kills the servers and removes the folders of owners that no longer run.</summary>
    public static void SweepOrphans()
    {
        lock (SweepLock)
        {
            if (_swept) return;
            _swept = true;
        }
        if (!Directory.Exists(Root)) return;
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var owner = Path.Combine(dir, OwnerFile);
            if (!File.Exists(owner)) continue;
            if (IsRunning(File.ReadAllText(owner))) continue; // its owner still runs
            KillRecordedServers(dir);
            HostCommands.DeleteDirectory(dir);
        }
    }

    private static void KillRecordedServers(string dir)
    {
        var pids = new List<int>();
        var recorded = Path.Combine(dir, ServerPidsFile);
        if (File.Exists(recorded))
            pids.AddRange(File.ReadAllLines(recorded).Select(l => int.TryParse(l, out var p) ? p : 0).Where(p => p > 0));
        // A PostgreSQL data directory names its postmaster in postmaster.pid; it may have been restarted.
        foreach (var pidFile in Directory.EnumerateFiles(dir, "postmaster.pid", SearchOption.AllDirectories))
        {
            var first = File.ReadLines(pidFile).FirstOrDefault();
            if (int.TryParse(first, out var p)) pids.Add(p);
        }
        foreach (var pid in pids.Distinct())
            if (HostCommands.IsAlive(pid)) HostCommands.Signal(pid, HostCommands.SIGKILL);
    }

    /// <summary>This process as "pid start-ticks": what an owner file records.</summary>
    internal static string CurrentProcessIdentity { get; } =
        $"{Environment.ProcessId} {ProcessStartTicks(Environment.ProcessId)}";

    /// <summary>Whether the process an identity ("pid start-ticks") names still runs.</summary>
    internal static bool IsRunning(string identity)
    {
        var parts = identity.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && int.TryParse(parts[0], out var pid) && HostCommands.IsAlive(pid)
               && ProcessStartTicks(pid) == parts[1];
    }

    /// <summary>The start time of a process (field 22 of /proc/pid/stat), so a reused pid is not mistaken for the owner.</summary>
    private static string ProcessStartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[19];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
