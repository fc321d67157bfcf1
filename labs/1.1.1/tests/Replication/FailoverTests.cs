using StatelessMind.Labs.Reliability.Replication;

namespace StatelessMind.Labs.Reliability.Tests.Replication;

/// <summary>
/// Runs the 1.1.1-3 experiment once at small scale — a real primary and two real replicas; synchronous, then
/// asynchronous, then synchronous with a planted failover bug; a write workload, a cut of the standbys the mode does
/// not wait for, SIGKILL of the primary, failover, pg_rewind rejoin — and lets each test assert one property on what
/// it observed.
/// </summary>
public sealed class FailoverFixture : IAsyncLifetime
{
    private readonly ExperimentServices _services = new();

    public Finding Finding { get; private set; } = null!;
    public FailoverScenarioResult Synchronous { get; private set; } = null!;
    public FailoverScenarioResult Asynchronous { get; private set; } = null!;
    public FailoverScenarioResult PlantedBug { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var experiment = new ReplicationExperiment();
        Finding = await experiment.RunAsync(ExperimentContext.ForTest(_services, "1.1.1-3"), CancellationToken.None);
        Synchronous = experiment.Results.Single(r => r.Mode == ReplicationMode.Synchronous && r.Bug == FailoverBug.None);
        Asynchronous = experiment.Results.Single(r => r.Mode == ReplicationMode.Asynchronous);
        PlantedBug = experiment.Results.Single(r => r.Bug == FailoverBug.PromoteLeastAdvanced);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();
}

/// <summary>1.1.1-3: leader-follower replication, its monitoring, failover and rejoin.</summary>
public sealed class FailoverTests(FailoverFixture fixture, ITestOutputHelper output) : IClassFixture<FailoverFixture>
{
    private const int CommitsAfterCut = 40; // the experiment's small scale

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
        // Only the asynchronous standby was cut off; commits kept being acknowledged because the synchronous one had them.
        Assert.Equal([r.StandbysAtStart[1]], r.CutOff.Keys);
        Assert.True(r.AcknowledgedAfterCut.Count >= CommitsAfterCut, $"{r.AcknowledgedAfterCut.Count} commits acknowledged after the cut");
        Assert.Equal(r.StandbysAtStart[0], r.Failover.NewPrimary); // the synchronous standby was the most advanced
        Assert.Empty(r.LostAcknowledged);
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void Asynchronous_replication_loses_every_commit_acknowledged_after_the_cut()
    {
        var r = fixture.Asynchronous;
        Print(r);
        // Both standbys were cut off, then the primary acknowledged commits that only it had: a failover must lose all of them.
        Assert.Equal(r.StandbysAtStart, r.CutOff.Keys.Order(StringComparer.Ordinal));
        Assert.True(r.AcknowledgedAfterCut.Count >= CommitsAfterCut, $"{r.AcknowledgedAfterCut.Count} commits acknowledged after the cut");
        Assert.Equal(r.AcknowledgedAfterCut, r.LostAfterCut);
        Assert.NotEmpty(r.LostAcknowledged);
        // The promoted standby received nothing after its cut, and nothing the new primary acknowledged is missing.
        Assert.Equal(r.CutOff[r.Failover.NewPrimary], r.Failover.ReceivedLsns[r.Failover.NewPrimary]);
        Assert.Empty(r.LostAcknowledgedByNewPrimary);
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void A_failover_that_promotes_the_least_advanced_replica_is_caught_losing_acknowledged_commits()
    {
        // The planted bug: the same synchronous setup as above, but the coordinator promotes the cut-off standby.
        var r = fixture.PlantedBug;
        Print(r);
        Assert.Equal(ReplicationMode.Synchronous, r.Mode);
        Assert.Equal(r.CutOff.Keys.Single(), r.Failover.NewPrimary);
        Assert.NotEmpty(r.LostAcknowledged); // the property the synchronous test asserts fails here
        Assert.Equal(r.AcknowledgedAfterCut, r.LostAfterCut);
        Assert.Contains(fixture.Finding.Notes, n => n.StartsWith("✔ the RPO check catches a planted failover bug", StringComparison.Ordinal));
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void The_old_primary_rejoins_with_pg_rewind_and_every_member_converges()
    {
        foreach (var r in new[] { fixture.Synchronous, fixture.Asynchronous })
        {
            var rejoin = r.Rejoin!;
            output.WriteLine($"{r.Mode}: {r.Failover.OldPrimary} rewound={rejoin.Rewound} (diverged at {rejoin.DivergedAt ?? "-"}), " +
                             $"streaming after {rejoin.Duration.TotalMilliseconds:0} ms; followers {string.Join(", ", r.FollowersAfter)}; " +
                             string.Join(", ", r.Fingerprints.Select(f => $"{f.Key}={f.Value.Rows} rows")));
            Assert.True(r.OldPrimaryIsStandby);
            Assert.Contains($"{r.Failover.OldPrimary}:streaming", r.FollowersAfter);
            Assert.Equal(2, r.FollowersAfter.Count);
            Assert.True(r.Converged);
            Assert.True(r.Fingerprints.Values.First().Rows >= r.AcknowledgedTotal - r.LostAcknowledged.Count);
        }
        // Asynchronously the old primary had commits the new one never saw: pg_rewind had to undo them.
        Assert.True(fixture.Asynchronous.Rejoin!.Rewound);
        Assert.NotNull(fixture.Asynchronous.Rejoin.DivergedAt);
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void The_monitor_reads_lsns_and_lag_from_both_ends()
    {
        foreach (var r in new[] { fixture.Synchronous, fixture.Asynchronous })
        {
            foreach (var name in r.StandbysAtStart)
            {
                var lag = r.LagWhileStreaming(name);
                output.WriteLine($"{r.Mode} {name} ({lag.SyncState}): {lag.Samples} samples; replay lag p50 {lag.BytesP50:0} B / {lag.MsP50:0.##} ms, p99 {lag.BytesP99:0} B / {lag.MsP99:0.##} ms");
                Assert.True(lag.Samples >= 3, $"{r.Mode} {name}: only {lag.Samples} samples before the cut");
                Assert.True(lag.BytesP99 >= lag.BytesP50);
            }
            Assert.Contains(r.Samples, s => s.SentLsn is not null && s.FlushLsn is not null && s.ReplayLsn is not null
                                            && s.ReceiverStatus == "streaming" && s.ReceiverFlushedLsn is not null && s.StandbyReplayedLsn is not null);
            // While cut off, a standby has no WAL receiver and the primary no longer lists it.
            Assert.Contains(r.Samples, s => s.Seconds > r.CutAtSeconds && s.Seconds < r.KilledAtSeconds && r.CutOff.ContainsKey(s.Standby)
                                            && s.ReceiverStatus != "streaming" && s.State is null);
            // After the failover the monitor follows the new primary and sees the old one as a standby.
            Assert.Contains(r.Samples, s => s.Seconds > r.KilledAtSeconds && s.Standby == r.Failover.OldPrimary && s.State == "streaming");
        }
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void Experiment_at_small_scale_measures_RTO_and_RPO_and_its_checks_hold()
    {
        output.WriteLine(fixture.Finding.Summary);
        foreach (var row in fixture.Finding.Tables.SelectMany(t => t.Rows)) output.WriteLine(string.Join(" | ", row));
        foreach (var note in fixture.Finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, fixture.Finding.Verdict);
        foreach (var r in new[] { fixture.Synchronous, fixture.Asynchronous })
        {
            // RTO covers detection and promotion, and ends at the first acknowledged write on the new primary.
            Assert.NotNull(r.Rto);
            Assert.True(r.Rto >= r.Failover.Detection + r.Failover.Promotion, $"RTO {r.Rto} < detection {r.Failover.Detection} + promotion {r.Failover.Promotion}");
        }
    }

    private void Print(FailoverScenarioResult r) =>
        output.WriteLine($"{r.Mode}{(r.Bug == FailoverBug.None ? "" : $" with {r.Bug}")}: cut off {string.Join(", ", r.CutOff.Select(c => $"{c.Key} at {c.Value}"))}; " +
                         $"{r.AcknowledgedByOldPrimary} acknowledged by the old primary ({r.AcknowledgedAfterCut.Count} sent after the cut, {r.AcknowledgedByOldPrimaryAfterKill} after its SIGKILL), " +
                         $"{r.LostAcknowledged.Count} lost, {r.InDoubt} in doubt; {r.Failover.OldPrimary} → {r.Failover.NewPrimary} " +
                         $"(received {string.Join(", ", r.Failover.ReceivedLsns.Select(x => $"{x.Key}={x.Value}"))}); detection {r.Failover.Detection.TotalMilliseconds:0} ms, " +
                         $"promotion {r.Failover.Promotion.TotalMilliseconds:0} ms, RTO {r.Rto?.TotalMilliseconds:0} ms; commit p50 {r.CommitLatency.P50Ms:0.##} ms");
}
