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

    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGQUIT = 3;
    public const int SIGHUP = 1;
    public const int SIGINT = 2;

    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

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

    /// <summary>Runs a command to completion and returns its output; never throws on a non-zero exit.</summary>
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> args, string? asUser = null,
        IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null,
        CancellationToken cancellationToken = default)
    {
        var psi = StartInfo(file, args, asUser);
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        var display = $"{Path.GetFileName(file)} {string.Join(' ', psi.ArgumentList.Skip(asUser is not null && IsRoot ? 4 : 0))}";
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ServiceUnavailableException($"Cannot run '{file}': {e.Message}.", e);
        }
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        return new CommandResult(display, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Gives a path (recursively) to an OS user, so a server running as that user can use it.</summary>
    public static async Task GiveToUserAsync(string path, string user, CancellationToken cancellationToken = default)
    {
        if (!IsRoot) return;
        (await RunAsync("chown", ["-R", $"{user}:{user}", path], cancellationToken: cancellationToken)).EnsureSuccess();
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
