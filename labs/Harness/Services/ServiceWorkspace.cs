using System.Collections.Concurrent;
using System.Globalization;

namespace StatelessMind.Harness.Services;

/// <summary>
/// The folder under which embedded services keep their data (one sub-folder each), and the
/// bookkeeping that guarantees no server outlives the process that started it:
/// every sub-folder records its owner (pid and start time) and the servers it started (pid, start time
/// and executable); live ones are stopped when the owner exits, and folders left by an owner that died
/// (SIGKILL, a crash) are swept — their servers killed, their data removed — the next time any owner starts.
/// A recorded pid is signalled only while it is still the server that was recorded: a pid the kernel has
/// since given to another process is spared. A folder is removed only once its servers are gone.
/// </summary>
public static class ServiceWorkspace
{
    private const string OwnerFile = "owner.pid";
    private const string OwnerUserFile = "owner.user";
    private const string ServerPidsFile = "servers.pid";
    private const string PostmasterPidFile = "postmaster.pid";
    private static readonly TimeSpan ExitStopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);
    private static readonly ConcurrentDictionary<string, Func<ValueTask>> Live = new();
    private static readonly ConcurrentDictionary<string, bool> SweptRoots = new();
    private static readonly Lock RecordLock = new();

    static ServiceWorkspace()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllOnExit();
    }

    /// <summary>Where service folders live: <c>$SM_SERVICE_DIR/stateless-mind</c>, else <c>$TMPDIR/stateless-mind</c>.</summary>
    public static string Root { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("SM_SERVICE_DIR") is { Length: > 0 } d ? d : Path.GetTempPath(),
        "stateless-mind");

    /// <summary>Creates a fresh folder for one service instance under <see cref="Root"/>, sweeping orphans first.</summary>
    /// <param name="kind">Starts the folder's name ("pg-primary", "redis").</param>
    public static string CreateInstanceDirectory(string kind) => CreateInstanceDirectory(Root, kind);

    /// <summary>Creates a fresh folder for one service instance under <paramref name="root"/>, sweeping that root's
    /// orphans the first time this process uses it.</summary>
    /// <param name="root">The workspace folder.</param>
    /// <param name="kind">Starts the folder's name.</param>
    public static string CreateInstanceDirectory(string root, string kind)
    {
        if (SweptRoots.TryAdd(root, true))
        {
            var sweep = SweepOrphansAsync(root).GetAwaiter().GetResult();
            foreach (var left in sweep.LeftFolders) Console.Error.WriteLine($"stateless-mind: {left}");
        }
        PrepareRoot(root);
        var dir = Path.Combine(root, $"{kind}-{Guid.NewGuid():N}"[..(kind.Length + 13)]);
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ServiceUnavailableException(UnusableRootMessage(root), e);
        }
        // The user first: once owner.pid exists, the folder is complete. owner.pid keeps its one-line format
        // ("pid start-ticks"), which every version of the sweep reads.
        WriteAtomically(Path.Combine(dir, OwnerUserFile), CurrentUser + "\n");
        WriteAtomically(Path.Combine(dir, OwnerFile), CurrentProcessIdentity);
        return dir;
    }

    /// <summary>Records a server under an instance folder (its pid, start time and executable), so that an orphan
    /// sweep can kill it — and only it.</summary>
    /// <param name="instanceDirectory">The service's folder.</param>
    /// <param name="pid">The server's pid (the server itself, not a wrapper that started it).</param>
    public static void RecordServerPid(string instanceDirectory, int pid)
    {
        if (ProcessIdentity.Of(pid) is not { } identity) return; // already gone: nothing to sweep later
        var file = Path.Combine(instanceDirectory, ServerPidsFile);
        lock (RecordLock)
        {
            var lines = File.Exists(file) ? File.ReadAllLines(file).ToList() : [];
            lines.Add(identity.ToString());
            WriteAtomically(file, string.Join('\n', lines) + "\n");
        }
    }

    /// <summary>The servers recorded under an instance folder.</summary>
    /// <param name="instanceDirectory">The service's folder.</param>
    public static IReadOnlyList<ProcessIdentity> RecordedServers(string instanceDirectory)
    {
        var file = Path.Combine(instanceDirectory, ServerPidsFile);
        try
        {
            return File.Exists(file) ? File.ReadAllLines(file).Select(ProcessIdentity.Parse).OfType<ProcessIdentity>().ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Registers a stop action that runs at process exit unless the instance was disposed first.</summary>
    public static void Register(string instanceDirectory, Func<ValueTask> stop) => Live[instanceDirectory] = stop;

    public static void Unregister(string instanceDirectory) => Live.TryRemove(instanceDirectory, out _);

    /// <summary>
    /// Kills the servers and removes the folders of owners that no longer run. A recorded pid that now names another
    /// process is spared; a folder whose servers cannot be stopped, or which this user may not remove (another user's,
    /// e.g. root's), is left, and <see cref="SweepResult.Left"/> says why and what to do.
    /// </summary>
    /// <param name="root">The workspace folder to sweep.</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    public static async Task<SweepResult> SweepOrphansAsync(string root, CancellationToken cancellationToken = default)
    {
        var result = new SweepResult();
        SweptRoots[root] = true;
        if (!Directory.Exists(root)) return result;
        string[] folders;
        try
        {
            folders = Directory.GetDirectories(root);
        }
        catch (UnauthorizedAccessException)
        {
            result.Left.Add($"{root} cannot be read by {CurrentUser}: set SM_SERVICE_DIR to a folder of your own.");
            return result;
        }
        foreach (var dir in folders)
        {
            var owner = ReadOwner(dir);
            if (owner is null || IsRunning(owner.Value.Identity)) continue; // being created, or its owner still runs
            var stop = await StopServersAsync(dir, cancellationToken).ConfigureAwait(false);
            result.Killed.AddRange(stop.Killed);
            result.Spared.AddRange(stop.Spared);
            if (stop.StillRunning.Count > 0)
            {
                result.Left.Add($"left {dir} (left behind by {owner.Value.User}): its server(s) {Pids(stop.StillRunning)} still run and {CurrentUser} " +
                                $"cannot stop them. {AsOwnerOrRoot(owner.Value.User, dir)}");
                continue;
            }
            if (TryDeleteDirectory(dir) is { } error)
                result.Left.Add($"left {dir} (left behind by {owner.Value.User}): {CurrentUser} cannot remove it ({error}). {AsOwnerOrRoot(owner.Value.User, dir)}");
            else
                result.Removed.Add(dir);
        }
        return result;
    }

    /// <summary>
    /// Stops what an instance folder's servers still run: each recorded server that is still that server (same pid,
    /// start time and executable), and a postmaster named by a postmaster.pid in the folder (a cluster a script started)
    /// when it is a postgres program working in that very data folder. Waits until they are gone.
    /// </summary>
    /// <param name="instanceDirectory">The service's folder.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static async Task<ServerStopOutcome> StopServersAsync(string instanceDirectory, CancellationToken cancellationToken = default)
    {
        var outcome = new ServerStopOutcome();
        var targets = new List<ProcessIdentity>();
        foreach (var recorded in RecordedServers(instanceDirectory))
        {
            if (!HostCommands.IsAlive(recorded.Pid)) continue;
            if (ProcessIdentity.StartTicksOf(recorded.Pid) != recorded.StartTicks)
            {
                outcome.Spared.Add(recorded); // the server ended and the kernel gave its pid to another process
                continue;
            }
            var executable = ProcessIdentity.ExecutableOf(recorded.Pid);
            if (recorded.Executable is not null && executable is null)
                outcome.StillRunning.Add(recorded); // another user's process: it may be the server, and it is not ours to signal
            else if (recorded.Executable is not null && executable != recorded.Executable)
                outcome.Spared.Add(recorded); // same pid and start time, another program: not the server recorded
            else
                targets.Add(recorded);
        }
        foreach (var server in PostmastersIn(instanceDirectory).Concat(LegacyServersIn(instanceDirectory)))
            if (!targets.Any(t => t.Pid == server.Pid)) targets.Add(server);
        var signalled = new List<ProcessIdentity>();
        foreach (var target in targets)
        {
            if (!target.IsRunning) continue;
            if (HostCommands.Signal(target.Pid, HostCommands.SIGKILL)) signalled.Add(target);
            else outcome.StillRunning.Add(target); // not permitted: another user's server
        }
        try
        {
            await Eventually.UntilAsync(() => !signalled.Any(t => t.IsRunning), KillTimeout,
                $"the servers of {instanceDirectory} to exit", cancellationToken).ConfigureAwait(false);
            outcome.Killed.AddRange(signalled);
        }
        catch (TimeoutException)
        {
            outcome.Killed.AddRange(signalled.Where(t => !t.IsRunning));
            outcome.StillRunning.AddRange(signalled.Where(t => t.IsRunning));
        }
        return outcome;
    }

    /// <summary>Servers recorded by an older harness as a bare pid: still that server only when the process works inside
    /// the folder (redis-server runs in its --dir, a postmaster in its data folder).</summary>
    private static IEnumerable<ProcessIdentity> LegacyServersIn(string instanceDirectory)
    {
        var file = Path.Combine(instanceDirectory, ServerPidsFile);
        string[] lines;
        try
        {
            lines = File.Exists(file) ? File.ReadAllLines(file) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        var inside = instanceDirectory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        foreach (var line in lines)
        {
            if (!int.TryParse(line.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (ProcessIdentity.WorkingDirectoryOf(pid) is not { } cwd || !(cwd + Path.DirectorySeparatorChar).StartsWith(inside, StringComparison.Ordinal)) continue;
            if (ProcessIdentity.Of(pid) is { } identity) yield return identity;
        }
    }

    private static IEnumerable<ProcessIdentity> PostmastersIn(string instanceDirectory)
    {
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(instanceDirectory, PostmasterPidFile, SearchOption.AllDirectories).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var file in files)
        {
            string? first;
            try
            {
                first = File.ReadLines(file).FirstOrDefault();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            // Still that postmaster: a postgres program whose working folder is the data folder holding this pid file.
            if (ProcessIdentity.Of(pid) is not { Executable: { } exe } identity || Path.GetFileName(exe) != "postgres") continue;
            if (ProcessIdentity.WorkingDirectoryOf(pid) != Path.GetDirectoryName(file)) continue;
            yield return identity;
        }
    }

    private static void StopAllOnExit() => StopAll(Live.ToArray(), ExitStopTimeout, Console.Error);

    /// <summary>
    /// The exit path: runs each registered stop action for at most <paramref name="stopTimeout"/>, then kills what its
    /// folder still records, and removes the folder only once its servers are gone. A folder whose servers do not stop
    /// is left for the next run's sweep, and <paramref name="log"/> says so.
    /// </summary>
    internal static void StopAll(IReadOnlyList<KeyValuePair<string, Func<ValueTask>>> live, TimeSpan stopTimeout, TextWriter log)
    {
        foreach (var (dir, stop) in live)
        {
            string? problem = null;
            try
            {
                if (!stop().AsTask().Wait(stopTimeout))
                    problem = string.Create(CultureInfo.InvariantCulture, $"its stop did not finish within {stopTimeout.TotalSeconds:0.#} s");
            }
            catch (Exception e)
            {
                problem = e.GetBaseException().Message;
            }
            // Whatever the stop did, the folder goes only once its servers are gone.
            var outcome = StopServersAsync(dir).GetAwaiter().GetResult();
            if (outcome.StillRunning.Count > 0)
            {
                log.WriteLine($"stateless-mind: left {dir}: server(s) {Pids(outcome.StillRunning)} did not stop" +
                              $"{(problem is null ? "" : $" ({problem})")}; the next run's sweep removes the folder once they are gone.");
                continue;
            }
            if (problem is not null)
                log.WriteLine($"stateless-mind: stopping {dir} failed ({problem}); its servers were killed instead.");
            if (TryDeleteDirectory(dir) is { } error)
                log.WriteLine($"stateless-mind: left {dir}: {error}; the next run's sweep removes it.");
        }
    }

    /// <summary>Removes a folder; returns why it could not, or null.</summary>
    private static string? TryDeleteDirectory(string dir)
    {
        try
        {
            HostCommands.DeleteDirectory(dir);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private static void PrepareRoot(string root)
    {
        try
        {
            Directory.CreateDirectory(root);
            // Shared by root and non-root runs: world-writable with the sticky bit, like /tmp, so each user can add
            // folders and none can remove another's. Only root may change a folder it does not own.
            if (HostCommands.IsRoot && !OperatingSystem.IsWindows()) File.SetUnixFileMode(root, (UnixFileMode)Convert.ToInt32("1777", 8));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ServiceUnavailableException(UnusableRootMessage(root), e);
        }
    }

    private static string UnusableRootMessage(string root) =>
        $"Cannot create a service folder under {root}: {CurrentUser} may not write there (another user, e.g. root, created it). " +
        $"A run as root makes it shared (mode 1777); to share it now run `sudo chmod 1777 {root}`, " +
        "or set SM_SERVICE_DIR to a folder of your own.";

    private static string AsOwnerOrRoot(string owner, string dir) =>
        $"To remove it, sweep as its owner ({owner}) or as root: `sudo dotnet run --project labs/Runner -- services` " +
        $"(or stop its servers and `sudo rm -rf {dir}`).";

    private static string Pids(IEnumerable<ProcessIdentity> processes) =>
        string.Join(", ", processes.Select(p => $"{p.Pid} ({Path.GetFileName(p.Executable) ?? "?"})"));

    /// <summary>Writes a file whole or not at all: a reader (a sweep in another process) never sees half of it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="text">Its content.</param>
    public static void WriteAtomically(string path, string text)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    private static (string Identity, string User)? ReadOwner(string dir)
    {
        try
        {
            var identity = File.ReadLines(Path.Combine(dir, OwnerFile)).FirstOrDefault();
            if (string.IsNullOrWhiteSpace(identity)) return null;
            var userFile = Path.Combine(dir, OwnerUserFile);
            var user = File.Exists(userFile) ? File.ReadLines(userFile).FirstOrDefault()?.Trim() : null;
            return (identity.Trim(), string.IsNullOrEmpty(user) ? "its owner" : user);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CurrentUser { get; } =
        string.Create(CultureInfo.InvariantCulture, $"{Environment.UserName} (uid {HostCommands.EffectiveUserId})");

    /// <summary>This process as "pid start-ticks": what an owner file records.</summary>
    internal static string CurrentProcessIdentity { get; } =
        $"{Environment.ProcessId} {ProcessIdentity.StartTicksOf(Environment.ProcessId) ?? "?"}";

    /// <summary>Whether the process an identity ("pid start-ticks") names still runs.</summary>
    internal static bool IsRunning(string identity)
    {
        var parts = identity.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                                 && HostCommands.IsAlive(pid) && ProcessIdentity.StartTicksOf(pid) == parts[1];
    }
}
