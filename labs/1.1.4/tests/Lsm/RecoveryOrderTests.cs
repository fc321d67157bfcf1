using System.Text;
using StatelessMind.Labs.Storage.Lsm;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>
/// Open starts the maintenance thread only after recovery has installed the replayed table and written its manifest.
/// Started earlier, a compaction can write a manifest that already points at the new WAL while the old WALs' data is
/// in no table yet (a crash then loses acknowledged writes), and the thread can go to sleep before the replayed table
/// reaches the compaction trigger, with nothing to wake it (WaitForCompactions never returns). The hooks at the named
/// points force the interleaving that exposes each defect, so the checks are deterministic.
/// </summary>
public sealed class RecoveryOrderTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private const int Keys = 200;

    private static LsmOptions Options(int trigger) => LsmTestKit.Small() with { Level0CompactionTrigger = trigger, Level0StopWritesTrigger = 12 };

    /// <summary>Level 0 holds two tables of "v1" values, the WAL the acknowledged "v2" values; the tree then opens with
    /// background maintenance and a compaction trigger of 2, and is killed once it has replayed the WAL (after the
    /// maintenance thread's first compaction, if that thread already runs). Null when every key reads "v2" after a reopen.</summary>
    internal static string? CheckCrashDuringOpen(StorageBug bug)
    {
        var disk = new FaultInjectionFileSystem();
        using (var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, Options(trigger: 8).On(disk)))
        {
            for (var round = 0; round < 2; round++)
            {
                for (var i = 0; i < Keys; i++) tree.Put(LsmTestKit.Key(i), Encoding.ASCII.GetBytes($"v1-{i}"));
                tree.Flush();
            }
            for (var i = 0; i < Keys; i++) tree.Put(LsmTestKit.Key(i), Encoding.ASCII.GetBytes($"v2-{i}"));
        }
        var maintenanceRuns = false;
        using var compacted = new ManualResetEventSlim();
        bool Hook(string point)
        {
            switch (point)
            {
                case CrashPoints.MaintenanceStarting:
                    maintenanceRuns = true;
                    return false;
                case CrashPoints.CompactionManifestWritten:
                    compacted.Set();
                    return false;
                case CrashPoints.RecoveryReplayed:
                    if (maintenanceRuns && !compacted.Wait(Deadline)) throw new TimeoutException("the maintenance thread started but did not compact level 0");
                    disk.Crash(powerLoss: false);
                    return true;
                default:
                    return false;
            }
        }
        try
        {
            using var crashing = LsmTree.Open(LsmTestKit.VirtualDirectory, Options(trigger: 2).On(disk) with { BackgroundMaintenance = true, CrashAt = Hook, Bug = bug });
            return "Open did not reach the crash point";
        }
        catch (SimulatedCrashException) { /* killed as planned */ }
        using var reopened = LsmTree.Open(LsmTestKit.VirtualDirectory, Options(trigger: 2).On(disk));
        var lost = Enumerable.Range(0, Keys).Count(i => reopened.Get(LsmTestKit.Key(i)) is not { } v || Encoding.ASCII.GetString(v) != $"v2-{i}");
        return lost == 0 ? null : $"{lost} of {Keys} acknowledged v2 values were lost (read back: {Encoding.ASCII.GetString(reopened.Get(LsmTestKit.Key(0)) ?? [])})";
    }

    /// <summary>Two sessions each leave data in the WAL; the third opens with background maintenance and a trigger of 2,
    /// so recovery's own table brings level 0 to the trigger. Null when WaitForCompactions returns and level 0 is below it.</summary>
    internal static string? CheckWaitForCompactionsReturns(StorageBug bug, TimeSpan patience)
    {
        var disk = new FaultInjectionFileSystem();
        for (var session = 0; session < 2; session++)
        {
            using var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, Options(trigger: 8).On(disk));
            for (var i = 0; i < 50; i++) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, session));
        }
        var maintenanceRuns = false;
        using var idle = new ManualResetEventSlim();
        bool Hook(string point)
        {
            if (point == CrashPoints.MaintenanceStarting) maintenanceRuns = true;
            if (point == CrashPoints.MaintenanceIdle) idle.Set();
            if (point == CrashPoints.RecoveryReplayed && maintenanceRuns && !idle.Wait(Deadline)) throw new TimeoutException("the maintenance thread never went idle");
            return false;
        }
        using var opened = LsmTree.Open(LsmTestKit.VirtualDirectory, Options(trigger: 2).On(disk) with { BackgroundMaintenance = true, CrashAt = Hook, Bug = bug });
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            opened.WaitForCompactions(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return $"WaitForCompactions had not returned after {patience.TotalSeconds:0} s with level 0 at {opened.Levels[0].Tables} tables (trigger 2)";
        }
        return opened.Levels[0].Tables < 2 ? null : $"WaitForCompactions returned with level 0 at {opened.Levels[0].Tables} tables";
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AcknowledgedWritesSurviveACrashDuringOpen() => Assert.Null(CheckCrashDuringOpen(StorageBug.None));

    [Fact]
    [Goal("1.1.4-1")]
    public void WaitForCompactionsReturnsWhenRecoveryReachesTheTrigger() => Assert.Null(CheckWaitForCompactionsReturns(StorageBug.None, Deadline));

    [Fact]
    [Goal("1.1.4-1")]
    public void ThePlantedEarlyMaintenanceThreadLosesWritesAndHangs()
    {
        var loss = CheckCrashDuringOpen(StorageBug.MaintenanceBeforeRecovery);
        var hang = CheckWaitForCompactionsReturns(StorageBug.MaintenanceBeforeRecovery, TimeSpan.FromSeconds(2));
        output.WriteLine($"planted {StorageBug.MaintenanceBeforeRecovery}: {loss}; {hang}");
        Assert.NotNull(loss);
        Assert.NotNull(hang);
    }
}
