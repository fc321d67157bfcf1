using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StatelessMind.Harness.Services;

/// <summary>
/// Runs host programs: as the current user, or as another OS user when the process is root
/// (PostgreSQL's initdb and pg_ctl refuse to run as root).
/// </summary>
public static partial class HostCommands
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    /// <summary>How long <see cref="RunAsync"/> lets a command run when the caller names no timeout: long enough for a
    /// full-scale pg_dump or valgrind run, short enough that a hung command fails the run instead of stalling it.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGQUIT = 3;
    public const int SIGHUP = 1;
    public const int SIGINT = 2;

    /// <summary>This process's effective user id (0: root).</summary>
    public static uint EffectiveUserId { get; } = OperatingSystem.IsLinux() ? GetEffectiveUserId() : uint.MaxValue;

    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && EffectiveUserId == 0;

    /// <summary>Sends a POSIX signal; false when the process does not exist.</summary>
    public static bool Signal(int pid, int signal) => SendSignal(pid, signal) == 0;

    /// <summary>True while a process with this id runs (signal 0 probes without sending). A zombie —
    /// exited, not yet reaped by its parent (in a container, PID 1 may never reap) — counts as gone.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0) return false;
        if (SendSignal(pid, 0) != 0 && Marshal.GetLastPInvokeError() != 1 /* EPERM: exists, not ours */) return false;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Finds an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Builds a start-info that runs <paramref name="file"/> as <paramref name="asUser"/> when we are root.</summary>
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, string? asUser = null)
    {
        ProcessStartInfo psi;
        if (asUser is not null && IsRoot)
        {
            psi = new ProcessStartInfo("runuser");
            psi.ArgumentList.Add("-u");
            psi.ArgumentList.Add(asUser);
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(file);
        }
        else
        {
            psi = new ProcessStartInfo(file);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        psi.UseShellExecute = false;
        psi.WorkingDirectory = Path.GetTempPath();
        return psi;
    }

    /// <summary>
    /// Runs a command to completion and returns its output; never throws on a non-zero exit. A command that has not
    /// finished within <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>) is killed with its children and
    /// reported by name (<see cref="CommandTimedOutException"/>).
    /// </summary>
    /// <param name="file">The program (a path, or a name found on PATH).</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="asUser">The OS user to run it as when this process is root (ignored otherwise).</param>
    /// <param name="environment">Variables to set for it.</param>
    /// <param name="standardInput">Text written to its standard input.</param>
    /// <param name="cancellationToken">Kills the command and stops waiting.</param>
    /// <param name="timeout">How long it may run.</param>
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> args, string? asUser = null,
        IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null,
        CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var psi = StartInfo(file, args, asUser);
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        var display = $"{Path.GetFileName(file)} {string.Join(' ', psi.ArgumentList.Skip(asUser is not null && IsRoot ? 4 : 0))}".TrimEnd();
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ServiceUnavailableException($"Cannot run '{file}': {e.Message}.", e);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            // Output is read to its end even after the process exits: a child that keeps the pipe open is covered by the deadline too.
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput.AsMemory(), deadline.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(deadline.Token);
            return new CommandResult(display, process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            KillTree(process);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new CommandTimedOutException(display, limit);
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // A child runs as another user (runuser): the kill of the tree's root still ends the command.
        }
    }

    /// <summary>Gives a path (recursively) to an OS user, so a server running as that user can use it.</summary>
    public static async Task GiveToUserAsync(string path, string user, CancellationToken cancellationToken = default)
    {
        if (!IsRoot) return;
        (await RunAsync("chown", ["-R", $"{user}:{user}", path], cancellationToken: cancellationToken, timeout: TimeSpan.FromMinutes(1))).EnsureSuccess();
    }

    /// <summary>Removes a directory tree, ignoring what is already gone.</summary>
    public static void DeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 2) { }
            catch (UnauthorizedAccessException) when (attempt < 2) { }
        }
    }
}
