using StatelessMind.Labs.Reliability.Replication;

namespace StatelessMind.Labs.Reliability.Tests;

/// <summary>
/// Runs the 1.1.1-3 experiment once at small scale — a real primary and two real replicas, synchronous
/// and then asynchronous, a write workload, SIGKILL of the primary, failover, pg_rewind rejoin — and
/// lets each test assert one property on what it observed.
/// </summary>
public sealed class FailoverFixture : IAsyncLifetime
{
    private readonly ExperimentServices _services = new();

    public Finding Finding { get; private set; } = null!;
    public FailoverScenarioResult Synchronous { get; private set; } = null!;
    public FailoverScenarioResult Asynchronous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var experiment = new ReplicationExperiment();
        Finding = await experiment.RunAsync(ExperimentContext.ForTest(_services, "1.1.1-3"), CancellationToken.None);
        Synchronous = experiment.Results.Single(r => r.Mode == ReplicationMode.Synchronous);
        Asynchronous = experiment.Results.Single(r => r.Mode == ReplicationMode.Asynchronous);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();
}

/// <summary>1.1.1-3: leader-follower replication, its monitoring, failover and rejoin.</summary>
public sealed class ReplicationTests(FailoverFixture fixture, ITestOutputHelper output) : IClassFixture<FailoverFixture>
{
    [Fact]
    [Goal("1.1.1-3")]
    public void Replicas_stream_through_their_own_slots_in_the_chosen_mode()
    {
        var sync = fixture.Synchronous;
        var async = fixture.Asynchronous;
        output.WriteLine($"synchronous (primary {sync.PrimaryAtStart}): {string.Join(", ", sync.ReplicationAtStart)}; slots {string.Join(", ", sync.SlotsAtStart)}");
        output.WriteLine($"asynchronous (primary {async.PrimaryAtStart}): {string.Join(", ", async.ReplicationAtStart)}; slots {string.Join(", ", async.SlotsAtStart)}");
        Assert.Equal("primary", sync.PrimaryAtStart);
        Assert.Equal(["replica1:streaming:sync", "replica2:streaming:async"], sync.ReplicationAtStart);
        Assert.Equal(async.StandbysAtStart.Select(s => $"{s}:streaming:async"), async.ReplicationAtStart);
        // The asynchronous scenario starts where the synchronous one ended: its new primary, the other two following.
        Assert.Equal(sync.Failover.NewPrimary, async.PrimaryAtStart);
        foreach (var r in new[] { sync, async })
            Assert.Equal(r.StandbysAtStart.Select(s => $"{s}:physical:true"), r.SlotsAtStart);
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void Synchronous_replication_loses_no_acknowledged_commit_on_failover()
    {
        var r = fixture.Synchronous;
        Print(r);
        Assert.True(r.AcknowledgedByOldPrimary >= 250);
        Assert.Empty(r.LostAcknowledged);
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void Asynchronous_replication_reports_how_many_acknowledged_commits_were_lost()
    {
        var r = fixture.Asynchronous;
        Print(r);
        // Measured, not asserted to be zero: only commits acknowledged by the old primary can be missing,
        // never one acknowledged by the new primary.
        Assert.Empty(r.LostAcknowledgedByNewPrimary);
        Assert.True(r.LostAcknowledged.Count <= r.AcknowledgedByOldPrimary);
        Assert.Equal(r.LostAcknowledged.Count, fixture.Finding.FigureNamed("RPO asynchronous (acked commits lost)")!.Value);
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void The_old_primary_rejoins_with_pg_rewind_and_every_member_converges()
    {
        foreach (var r in new[] { fixture.Synchronous, fixture.Asynchronous })
        {
            output.WriteLine($"{r.Mode}: {r.Failover.OldPrimary} rewound={r.Rejoin.Rewound} (diverged at {r.Rejoin.DivergedAt ?? "-"}), " +
                             $"streaming after {r.Rejoin.Duration.TotalMilliseconds:0} ms; followers {string.Join(", ", r.FollowersAfter)}; " +
                             string.Join(", ", r.Fingerprints.Select(f => $"{f.Key}={f.Value.Rows} rows")));
            Assert.True(r.OldPrimaryIsStandby);
            Assert.Contains($"{r.Failover.OldPrimary}:streaming", r.FollowersAfter);
            Assert.Equal(2, r.FollowersAfter.Count);
            Assert.True(r.Converged);
            Assert.True(r.Fingerprints.Values.First().Rows >= r.AcknowledgedTotal - r.LostAcknowledged.Count);
        }
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void The_monitor_reads_lsns_and_lag_from_both_ends()
    {
        foreach (var r in new[] { fixture.Synchronous, fixture.Asynchronous })
        {
            foreach (var name in r.StandbysAtStart)
            {
                var lag = r.LagBeforeKill(name);
                output.WriteLine($"{r.Mode} {name} ({lag.SyncState}): {lag.Samples} samples; replay lag p50 {lag.BytesP50:0} B / {lag.MsP50:0.##} ms, p99 {lag.BytesP99:0} B / {lag.MsP99:0.##} ms");
                Assert.True(lag.Samples >= 3, $"{r.Mode} {name}: only {lag.Samples} samples before the kill");
                Assert.True(lag.BytesP99 >= lag.BytesP50);
            }
            Assert.Contains(r.Samples, s => s.SentLsn is not null && s.FlushLsn is not null && s.ReplayLsn is not null
                                            && s.ReceiverStatus == "streaming" && s.ReceiverFlushedLsn is not null && s.StandbyReplayedLsn is not null);
            // After the failover the monitor follows the new primary and sees the old one as a standby.
            Assert.Contains(r.Samples, s => s.Seconds > r.KilledAtSeconds && s.Standby == r.Failover.OldPrimary && s.State == "streaming");
        }
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void Experiment_at_small_scale_measures_RTO_and_RPO_and_its_checks_hold()
    {
        foreach (var row in fixture.Finding.Tables.SelectMany(t => t.Rows)) output.WriteLine(string.Join(" | ", row));
        foreach (var note in fixture.Finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, fixture.Finding.Verdict);
        Assert.Equal(0, fixture.Finding.FigureNamed("RPO synchronous (acked commits lost)")!.Value);
        foreach (var r in new[] { fixture.Synchronous, fixture.Asynchronous })
        {
            // RTO covers detection, promotion and re-pointing, and ends at the first acknowledged write.
            Assert.True(r.Failover.Rto >= r.Failover.Detection + r.Failover.Promotion);
            Assert.True(r.Failover.Rto > TimeSpan.Zero);
        }
    }

    private void Print(FailoverScenarioResult r) =>
        output.WriteLine($"{r.Mode}: {r.AcknowledgedByOldPrimary} acknowledged by the old primary ({r.AcknowledgedByOldPrimaryAfterKill} after its SIGKILL), {r.LostAcknowledged.Count} lost, {r.InDoubt} in doubt; " +
                         $"{r.Failover.OldPrimary} → {r.Failover.NewPrimary} (received {string.Join(", ", r.Failover.ReceivedLsns.Select(x => $"{x.Key}={x.Value}"))}); " +
                         $"detection {r.Failover.Detection.TotalMilliseconds:0} ms, promotion {r.Failover.Promotion.TotalMilliseconds:0} ms, " +
                         $"re-point {r.Failover.Repointing.TotalMilliseconds:0} ms, RTO {r.Failover.Rto.TotalMilliseconds:0} ms; commit p50 {r.CommitLatency.P50Ms:0.##} ms");
}
