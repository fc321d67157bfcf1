using System.Diagnostics;
using StatelessMind.Tests.Support;

namespace StatelessMind.Tests;

/// <summary>
/// Cleaning up after embedded services never hits a stranger: the orphan sweep signals a recorded pid only while it is
/// still the recorded server, state files are written whole, every service of a run is disposed even when one fails,
/// every external command has a deadline, and a run as another user leaves what it may not touch and says what to do.
/// </summary>
public sealed class ServiceCleanupTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Path.Combine(TestRuns.TemporaryFolder("service-cleanup"), "stateless-mind");
    private readonly List<Process> _processes = [];

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            if (!p.HasExited) p.Kill();
            p.Dispose();
        }
        HostCommands.DeleteDirectory(Path.GetDirectoryName(_root)!);
    }

    private Process Sleeper(string? workingDirectory = null)
    {
        var p = Process.Start(new ProcessStartInfo("sleep", ["60"]) { WorkingDirectory = workingDirectory ?? Path.GetTempPath() })!;
        _processes.Add(p);
        return p;
    }

    /// <summary>A folder left by an owner that has ended: its owner.pid names a real pid that no longer runs.</summary>
    private static async Task<string> OrphanFolderAsync(string root, string name, string user = "test (uid 1000)")
    {
        using var ended = Process.Start(new ProcessStartInfo("true"))!;
        await ended.WaitForExitAsync();
        var dir = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "owner.user"), user + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "owner.pid"), $"{ended.Id} 12345\n");
        return dir;
    }

    [Fact]
    public async Task The_sweep_kills_an_orphaned_server_and_spares_strangers_whose_pids_were_recorded()
    {
        var dir = await OrphanFolderAsync(_root, "redis-orphan");
        var server = Sleeper();
        var reusedPid = Sleeper();   // a stranger that got a recorded pid after the server it named ended
        var otherProgram = Sleeper(); // same pid and start time as recorded, but not the recorded program
        ServiceWorkspace.RecordServerPid(dir, server.Id);
        var real = ProcessIdentity.Of(otherProgram.Id)!;
        await File.AppendAllTextAsync(Path.Combine(dir, "servers.pid"),
            $"{reusedPid.Id} 1 {ProcessIdentity.ExecutableOf(reusedPid.Id)}\n{otherProgram.Id} {real.StartTicks} /usr/lib/postgresql/15/bin/postgres\n");
        // A postmaster.pid naming a process that is not a postgres server working in that folder.
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var postmasterStranger = Sleeper();
        await File.WriteAllTextAsync(Path.Combine(dir, "data", "postmaster.pid"), $"{postmasterStranger.Id}\n{dir}/data\n");
        // An older harness recorded bare pids: one is a server working in the folder (redis-server runs in its --dir), one a stranger.
        var legacyServer = Sleeper(dir);
        var legacyStranger = Sleeper();
        await File.AppendAllTextAsync(Path.Combine(dir, "servers.pid"), $"{legacyServer.Id}\n{legacyStranger.Id}\n");

        var sweep = await ServiceWorkspace.SweepOrphansAsync(_root);

        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(5)), "the orphaned server was not killed");
        Assert.True(legacyServer.WaitForExit(TimeSpan.FromSeconds(5)), "the orphaned server recorded by an older harness was not killed");
        Assert.False(legacyStranger.HasExited, "a bare recorded pid that works elsewhere was killed");
        Assert.False(reusedPid.HasExited, "a process whose pid was reused was killed");
        Assert.False(otherProgram.HasExited, "a process running another program than recorded was killed");
        Assert.False(postmasterStranger.HasExited, "a process named by postmaster.pid that is no postmaster was killed");
        Assert.Equal(new[] { server.Id, legacyServer.Id }.Order(), sweep.KilledServers.Select(k => k.Pid).Order());
        Assert.Equal(new[] { reusedPid.Id, otherProgram.Id }.Order(), sweep.SparedProcesses.Select(s => s.Pid).Order());
        Assert.Equal([dir], sweep.RemovedFolders);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task A_folder_whose_owner_still_runs_is_not_swept()
    {
        var dir = ServiceWorkspace.CreateInstanceDirectory(_root, "redis");
        var server = Sleeper();
        ServiceWorkspace.RecordServerPid(dir, server.Id);

        var sweep = await ServiceWorkspace.SweepOrphansAsync(_root);

        Assert.Empty(sweep.RemovedFolders);
        Assert.True(Directory.Exists(dir));
        Assert.False(server.HasExited);
    }

    [Fact]
    public void At_exit_a_stop_that_hangs_is_replaced_by_a_kill_and_the_folder_goes_once_the_server_has()
    {
        var dir = ServiceWorkspace.CreateInstanceDirectory(_root, "redis-hang");
        var server = Sleeper();
        ServiceWorkspace.RecordServerPid(dir, server.Id);
        var log = new StringWriter();

        ServiceWorkspace.StopAll([new(dir, () => new ValueTask(Task.Delay(Timeout.Infinite)))], TimeSpan.FromMilliseconds(200), log);

        output.WriteLine(log.ToString());
        Assert.True(server.HasExited || server.WaitForExit(TimeSpan.FromSeconds(1)), "the server outlived the exit path");
        Assert.False(Directory.Exists(dir));
        Assert.Contains($"stopping {dir} failed (its stop did not finish within 0.2 s); its servers were killed instead.", log.ToString());
    }

    [Fact]
    public void At_exit_a_server_that_does_not_stop_keeps_its_folder_and_the_log_says_so()
    {
        var dir = ServiceWorkspace.CreateInstanceDirectory(_root, "pg-stuck");
        // A server no signal ends: PID 1, which the kernel never lets SIGKILL reach (kill(2): init receives only the
        // signals it handles). Recorded as this folder's server, it stands for one stuck in the kernel.
        ServiceWorkspace.RecordServerPid(dir, 1);
        var log = new StringWriter();

        ServiceWorkspace.StopAll([new(dir, () => ValueTask.CompletedTask)], TimeSpan.FromSeconds(1), log);

        output.WriteLine(log.ToString());
        Assert.True(Directory.Exists(dir), "the folder of a server that still runs was removed");
        Assert.Contains($"stateless-mind: left {dir}: server(s) 1 (", log.ToString());
        Assert.Contains("the next run's sweep removes the folder once they are gone", log.ToString());
        Assert.True(HostCommands.IsAlive(1));
    }

    [Fact]
    public void State_files_are_written_whole_and_leave_no_temporary_file()
    {
        var dir = ServiceWorkspace.CreateInstanceDirectory(_root, "pg-state");
        var first = Sleeper();
        var second = Sleeper();
        ServiceWorkspace.RecordServerPid(dir, first.Id);
        ServiceWorkspace.RecordServerPid(dir, second.Id);

        Assert.Equal([first.Id, second.Id], ServiceWorkspace.RecordedServers(dir).Select(s => s.Pid));
        Assert.All(ServiceWorkspace.RecordedServers(dir), s => Assert.True(s.IsRunning));
        // owner.pid keeps the one-line "pid start-ticks" that every version of the sweep reads.
        Assert.Equal(ServiceWorkspace.CurrentProcessIdentity, File.ReadAllText(Path.Combine(dir, "owner.pid")));
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp"));
    }

    [Fact]
    public async Task Disposing_the_services_of_a_run_disposes_every_one_even_when_some_throw()
    {
        var services = new ExperimentServices();
        var first = services.Own("first", new FailingService("the first service's socket is stuck"));
        var redis = await services.RedisAsync();
        var pid = redis.Pid;
        var last = services.Own("last", new FailingService("the last service's socket is stuck"));

        var e = await Assert.ThrowsAsync<AggregateException>(async () => await services.DisposeAsync());

        output.WriteLine(e.ToString());
        Assert.Equal(2, e.InnerExceptions.Count);
        Assert.Contains(e.InnerExceptions, x => x.Message.StartsWith("first did not stop cleanly", StringComparison.Ordinal));
        Assert.Contains(e.InnerExceptions, x => x.Message.StartsWith("last did not stop cleanly", StringComparison.Ordinal));
        Assert.True(first.Disposed && last.Disposed);
        if (!redis.IsExternal) Assert.False(HostCommands.IsAlive(pid!.Value), "Redis, disposed between two failing services, still runs");
    }

    [Fact]
    public async Task A_command_that_runs_past_its_timeout_is_killed_and_named()
    {
        var pidFile = Path.Combine(Path.GetDirectoryName(_root)!, "sleeper.pid");
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<CommandTimedOutException>(() =>
            HostCommands.RunAsync("sh", ["-c", $"echo $$ > {pidFile}; exec sleep 30"], timeout: TimeSpan.FromMilliseconds(500)));

        output.WriteLine(e.Message);
        Assert.Contains("'sh -c echo $$ >", e.Message);
        Assert.Contains("did not finish within 0.5 s and was killed", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the timeout took {watch.Elapsed.TotalSeconds:0.#} s");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.UntilAsync(() => !HostCommands.IsAlive(pid), TimeSpan.FromSeconds(5), $"the timed-out command (pid {pid}) to be gone");
    }

    [Fact]
    public async Task A_command_within_its_timeout_returns_its_output()
    {
        var result = await HostCommands.RunAsync("sh", ["-c", "echo out; echo err >&2; exit 3"], timeout: TimeSpan.FromSeconds(30));
        Assert.Equal((3, "out\n", "err\n"), (result.ExitCode, result.StandardOutput, result.StandardError));
    }

    [Fact]
    public async Task A_run_as_another_user_leaves_what_it_may_not_touch_and_says_what_to_do()
    {
        if (!HostCommands.IsRoot)
        {
            // Without a second user: a folder this user cannot remove (a read-only sub-folder) is left, with the reason.
            var dir = await OrphanFolderAsync(_root, "pg-locked");
            var locked = Directory.CreateDirectory(Path.Combine(dir, "data")).FullName;
            await File.WriteAllTextAsync(Path.Combine(locked, "PG_VERSION"), "15");
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            try
            {
                var lockedSweep = await ServiceWorkspace.SweepOrphansAsync(_root);
                Assert.Contains(lockedSweep.LeftFolders, l => l.Contains($"left {dir}", StringComparison.Ordinal) && l.Contains("sudo", StringComparison.Ordinal));
            }
            finally
            {
                File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            return;
        }

        // Root's run crashed and left a server; then a run as 'nobody' shares the folder.
        var shared = Path.GetDirectoryName(_root)!;
        var home = Directory.CreateDirectory(Path.Combine(shared, "home")).FullName;
        File.SetUnixFileMode(home, (UnixFileMode)Convert.ToInt32("777", 8));
        Directory.CreateDirectory(_root);
        File.SetUnixFileMode(_root, (UnixFileMode)Convert.ToInt32("1777", 8)); // as every root run leaves it
        var orphan = await OrphanFolderAsync(_root, "redis-rootorphan", "root (uid 0)");
        var rootServer = Sleeper();
        ServiceWorkspace.RecordServerPid(orphan, rootServer.Id);

        var asNobody = await ServicesCommandAsNobodyAsync(shared, home);
        output.WriteLine($"exit {asNobody.ExitCode}\n{asNobody.StandardOutput}\n{asNobody.StandardError}");
        Assert.Equal(0, asNobody.ExitCode); // the shared folder stays usable by the other user
        Assert.Contains("is usable by nobody", asNobody.StandardOutput);
        Assert.Contains($"left {orphan} (left behind by root (uid 0))", asNobody.StandardError);
        Assert.Contains("sudo", asNobody.StandardError);
        Assert.False(rootServer.HasExited, "a non-root run stopped root's server");
        Assert.True(Directory.Exists(orphan));

        // Root's next run sweeps it.
        var sweep = await ServiceWorkspace.SweepOrphansAsync(_root);
        Assert.Equal([orphan], sweep.RemovedFolders);
        Assert.True(rootServer.WaitForExit(TimeSpan.FromSeconds(5)));

        // A folder root created without sharing it: the other user is told what to do.
        File.SetUnixFileMode(_root, (UnixFileMode)Convert.ToInt32("755", 8));
        var refused = await ServicesCommandAsNobodyAsync(shared, home);
        output.WriteLine($"exit {refused.ExitCode}\n{refused.StandardOutput}\n{refused.StandardError}");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"sudo chmod 1777 {_root}", refused.StandardError);
        Assert.Contains("SM_SERVICE_DIR", refused.StandardError);
    }

    /// <summary>Runs <c>stateless-mind services</c> as the user 'nobody' on <paramref name="serviceDir"/>.</summary>
    private static Task<CommandResult> ServicesCommandAsNobodyAsync(string serviceDir, string home)
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : HostCommands.FindOnPath("dotnet")!;
        var runner = Path.Combine(AppContext.BaseDirectory, "stateless-mind.dll");
        return HostCommands.RunAsync("runuser", ["-u", "nobody", "--", "env", $"HOME={home}", $"DOTNET_CLI_HOME={home}", $"SM_SERVICE_DIR={serviceDir}",
            "DOTNET_NOLOGO=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1", dotnet, runner, "services"], timeout: TimeSpan.FromMinutes(1));
    }

    private sealed class FailingService(string problem) : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            throw new IOException(problem);
        }
    }
}
