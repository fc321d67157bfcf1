using StatelessMind.Labs.Consensus.Isolation;

namespace StatelessMind.Labs.Consensus.Tests.Isolation;

/// <summary>Eventual versus strong reads on real streaming replicas.</summary>
public sealed class ReplicaReadTests(ReplicaReadProbeFixture fixture, ITestOutputHelper output) : IClassFixture<ReplicaReadProbeFixture>
{
    private const int Writes = 300;

    [Fact]
    [Goal("1.1.3-1")]
    public async Task Async_replica_reads_are_stale_and_break_read_your_writes()
    {
        var report = await fixture.Probe.RunAsync(Writes, "local");
        Print(report);
        var async = report.For(ReadTarget.AsyncReplica);
        Assert.True(async.ReadYourWritesViolations > 0, "the writer should miss its own write on the async replica at least once");
        Assert.True(async.StaleReads > 0, "another client should read an old value from the async replica at least once");
        Assert.True(report.AsyncVisibleAfter.Count > 0, "stale async reads must converge: the replica showed each write later");
        Assert.Equal(0, report.For(ReadTarget.Primary).StaleReads + report.For(ReadTarget.Primary).ReadYourWritesViolations);
    }

    [Fact]
    [Goal("1.1.3-1")]
    public async Task Primary_and_remote_apply_sync_replica_reads_are_never_stale()
    {
        var report = await fixture.Probe.RunAsync(Writes, "remote_apply");
        Print(report);
        foreach (var target in new[] { ReadTarget.Primary, ReadTarget.SyncReplica })
        {
            Assert.Equal(0, report.For(target).StaleReads);
            Assert.Equal(0, report.For(target).ReadYourWritesViolations);
        }
    }

    private void Print(ReplicaReadReport report)
    {
        foreach (var t in report.Targets)
            output.WriteLine($"synchronous_commit={report.SynchronousCommit} {t.Target}: {t.ReadYourWritesViolations} RYW violations, {t.StaleReads} stale of {t.Reads} reads");
        output.WriteLine($"commit latency {report.CommitLatency}; async replica visible after {report.AsyncVisibleAfter}");
    }
}
