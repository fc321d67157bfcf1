using System.Diagnostics;
using StatelessMind.Labs.Scalability.Horizontal;

namespace StatelessMind.Labs.Scalability.Tests.Horizontal;

/// <summary>Exercise 1.1.2-2a, and the monitor checked against .NET's own reading of a process's CPU time.</summary>
public sealed class ProcParserTests
{
    // A stat line whose command holds a space and a parenthesis (proc(5) allows both).
    private const string Stat = "4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194560 900 0 0 0 731 269 0 0 20 0 7 0 12345 1000000 2500 " +
                                "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    [Fact]
    [Goal("1.1.2-2")]
    public void A_stat_line_gives_user_and_system_time_threads_and_rss()
    {
        var (user, system, threads, rss) = ProcParser.ParseStat(Stat);
        Assert.Equal(731, user);
        Assert.Equal(269, system);
        Assert.Equal(7, threads);
        Assert.Equal(2500, rss);
    }

    [Fact]
    [Goal("1.1.2-2")]
    public void Context_switches_come_from_status()
    {
        const string status = "Name:\tdotnet\nThreads:\t7\nvoluntary_ctxt_switches:\t120\nnonvoluntary_ctxt_switches:\t33\n";
        Assert.Equal((120, 33), ProcParser.ParseContextSwitches(status));
    }

    [Fact]
    [Goal("1.1.2-2")]
    public void Malformed_proc_files_are_typed_errors_naming_the_file()
    {
        var e = Assert.Throws<ProcFormatException>(() => ProcParser.ParseStat("4242 no-parentheses S 1", "/proc/4242/stat"));
        Assert.Equal("/proc/4242/stat", e.File);
        Assert.Throws<ProcFormatException>(() => ProcParser.ParseStat("4242 (x) S 1 2 3", "/proc/4242/stat"));
        Assert.Throws<ProcFormatException>(() => ProcParser.ParseStat(Stat.Replace(" 731 ", " seven ", StringComparison.Ordinal)));
        var missing = Assert.Throws<ProcFormatException>(() => ProcParser.ParseContextSwitches("Name:\tx\n", "/proc/1/status"));
        Assert.Contains("voluntary_ctxt_switches", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.1.2-2")]
    public async Task The_monitor_reads_a_busy_process_as_dotnet_does_and_the_planted_bug_does_not()
    {
        // dd copying one byte at a time spends most of its CPU in system calls.
        using var dd = Process.Start(new ProcessStartInfo("dd", ["if=/dev/zero", "of=/dev/null", "bs=1", "count=1000000000"]) { RedirectStandardError = true })!;
        try
        {
            await Harness.Eventually.UntilAsync(() => { dd.Refresh(); return dd.TotalProcessorTime > TimeSpan.FromMilliseconds(400); },
                TimeSpan.FromSeconds(30), "dd to use 0.4 s of CPU");
            var monitor = ProcessMonitor.Read(dd.Id, TimeSpan.Zero)!;
            var bug = ProcessMonitor.Read(dd.Id, TimeSpan.Zero, MonitorBug.UserTimeOnly)!;
            dd.Refresh();
            var reference = dd.TotalProcessorTime.TotalSeconds;
            var measured = monitor.CpuTicks / ProcessMonitor.ClockTicksPerSecond;
            Assert.InRange(measured, reference - 0.1, reference + 0.05);
            Assert.True(bug.CpuTicks / ProcessMonitor.ClockTicksPerSecond < 0.7 * reference, "user time alone misses dd's system time");
            Assert.True(monitor.RssBytes > 0 && monitor.Threads >= 1);
        }
        finally
        {
            dd.Kill();
            await dd.WaitForExitAsync();
        }
    }
}
