using Npgsql;
using StatelessMind.Labs.Reliability.PointInTimeRecovery;
using StatelessMind.Labs.Reliability.Replication;

namespace StatelessMind.Labs.Reliability.Tests.Replication;

/// <summary>A primary and two replicas, shared by the component tests of 1.1.1-3 (none of them fails over).</summary>
public sealed class TopologyFixture : IAsyncLifetime
{
    public ReplicationTopology Topology { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Topology = await ReplicationTopology.StartAsync(new ReplicationTopologyOptions { Mode = ReplicationMode.Asynchronous });

    public async Task DisposeAsync()
    {
        if (Topology is not null) await Topology.DisposeAsync();
    }
}

/// <summary>1.1.1-3a…c: the topology's commit modes, the commit workload's acknowledgements, one monitor sample, and the cut
/// the failover scenarios use, each on a real primary with two real replicas.</summary>
public sealed class ReplicationSetupTests(TopologyFixture fixture, ITestOutputHelper output) : IClassFixture<TopologyFixture>
{
    private ReplicationTopology Topology => fixture.Topology;
    private string Primary => Sql.Unpooled(Topology.Primary.ConnectionString);

    [Fact]
    [Goal("1.1.1-3")]
    public async Task Each_replica_streams_through_its_own_physical_slot()
    {
        var slots = await Sql.ScalarAsync<string>(Primary, "SELECT string_agg(slot_name || ':' || slot_type || ':' || active, ',' ORDER BY slot_name) FROM pg_replication_slots");
        var streams = await Sql.ScalarAsync<string>(Primary, "SELECT string_agg(application_name || ':' || state, ',' ORDER BY application_name) FROM pg_stat_replication");
        output.WriteLine($"{Topology}: slots {slots}; streams {streams}");
        Assert.Equal("replica1:physical:true,replica2:physical:true", slots);
        Assert.Equal("replica1:streaming,replica2:streaming", streams);
        foreach (var (name, cluster) in Topology.Standbys)
            Assert.True(await Sql.ScalarAsync<bool>(Sql.Unpooled(cluster.ConnectionString), "SELECT pg_is_in_recovery()"), $"{name} is not a standby");
    }

    [Fact]
    [Goal("1.1.1-3")]
    public async Task The_mode_decides_which_standby_the_primary_waits_for()
    {
        await Topology.SetModeAsync(ReplicationMode.Synchronous, CancellationToken.None);
        Assert.Equal("replica1:sync,replica2:async", await SyncStatesAsync());
        Assert.Equal("on", await Sql.ScalarAsync<string>(Primary, "SHOW synchronous_commit"));
        Assert.Equal(ReplicationMode.Synchronous, Topology.Mode);

        // remote_apply: COMMIT returns only after the synchronous standby has replayed it, so a reader there sees it at once.
        await Topology.SetModeAsync(ReplicationMode.RemoteApply, CancellationToken.None);
        Assert.Equal("remote_apply", await Sql.ScalarAsync<string>(Primary, "SHOW synchronous_commit"));
        var id = await Sql.ScalarAsync<long>(Primary, $"INSERT INTO {ReplicationTopology.Table} (id, writer, payload) VALUES ((SELECT coalesce(min(id), 0) - 1 FROM {ReplicationTopology.Table}), -1, 'remote apply') RETURNING id");
        Assert.Equal(1, await Sql.ScalarAsync<long>(Sql.Unpooled(Topology.Member("replica1").ConnectionString), $"SELECT count(*) FROM {ReplicationTopology.Table} WHERE id = $1", default, id));

        await Topology.SetModeAsync(ReplicationMode.Asynchronous, CancellationToken.None);
        Assert.Equal("replica1:async,replica2:async", await SyncStatesAsync());
        Assert.Equal("", await Sql.ScalarAsync<string>(Primary, "SHOW synchronous_standby_names"));
    }

    [Fact]
    [Goal("1.1.1-3")]
    public async Task An_id_counts_as_acknowledged_only_once_its_commit_returned()
    {
        await Sql.ExecuteAsync(Primary, default, $"TRUNCATE {ReplicationTopology.Table}");
        await using var workload = new CommitWorkload(Topology, writers: 2);

        // One commit by hand: acknowledged, on the primary, sent before it was acknowledged.
        await using (var session = new WriterSession(0))
        {
            var ack = await workload.CommitOneAsync(session, 1_000_001, CancellationToken.None);
            Assert.Equal((1_000_001L, Topology.PrimaryName), (ack.Id, ack.Member));
            Assert.True(ack.SentAt <= ack.AcknowledgedAt);
            Assert.Equal(1, await Sql.ScalarAsync<long>(Primary, $"SELECT count(*) FROM {ReplicationTopology.Table} WHERE id = 1000001"));
            // A statement that fails after it was sent is not acknowledged; SentAt tells the caller it is in doubt.
            session.SentAt = null;
            await Assert.ThrowsAsync<PostgresException>(() => workload.CommitOneAsync(session, 1_000_001, CancellationToken.None));
            Assert.NotNull(session.SentAt);
        }

        workload.Start();
        await Eventually.UntilAsync(() => workload.AcknowledgedCount >= 100, TimeSpan.FromSeconds(60), "100 acknowledged commits");
        await workload.StopAsync();
        var acknowledged = workload.Acknowledged;
        var rows = (await Sql.ScalarAsync<long[]>(Primary, $"SELECT array_agg(id) FROM {ReplicationTopology.Table} WHERE id < 1000000")).ToHashSet();
        output.WriteLine($"{acknowledged.Count} acknowledged, {workload.InDoubt.Count} in doubt (cancelled at stop), {rows.Count} rows");
        Assert.All(acknowledged, a => Assert.Contains(a.Id, rows));                      // every acknowledged id is stored
        Assert.All(rows, id => Assert.True(acknowledged.Any(a => a.Id == id) || workload.InDoubt.Contains(id), $"id {id} is stored but neither acknowledged nor in doubt"));
        Assert.All(acknowledged, a => Assert.True(a.SentAt <= a.AcknowledgedAt && a.Member == Topology.PrimaryName));
        Assert.Equal(0, workload.Errors);
    }

    [Fact]
    [Goal("1.1.1-3")]
    public async Task One_sample_reads_both_ends_of_every_standby()
    {
        await Sql.ExecuteAsync(Primary, default, $"INSERT INTO {ReplicationTopology.Table} (id, writer, payload) SELECT g, -2, 'sample' FROM generate_series(2000000, 2000099) AS g ON CONFLICT DO NOTHING");
        await using var monitor = new ReplicationMonitor(Topology, TimeSpan.FromSeconds(1));
        await monitor.SampleOnceAsync(CancellationToken.None);
        var samples = monitor.Samples;
        foreach (var s in samples) output.WriteLine(s.ToString());
        Assert.Equal(["replica1", "replica2"], samples.Select(s => s.Standby).Order(StringComparer.Ordinal));
        Assert.All(samples, s =>
        {
            // The primary's end …
            Assert.Equal("streaming", s.State);
            Assert.NotNull(s.SyncState);
            Assert.NotNull(s.SentLsn);
            Assert.NotNull(s.FlushLsn);
            Assert.NotNull(s.ReplayLsn);
            Assert.True(s.ReplayLagBytes >= 0 && s.SendLagBytes <= s.ReplayLagBytes, $"send lag {s.SendLagBytes} B, replay lag {s.ReplayLagBytes} B");
            // … and the standby's own.
            Assert.Equal("streaming", s.ReceiverStatus);
            Assert.NotNull(s.ReceiverFlushedLsn);
            Assert.NotNull(s.StandbyReplayedLsn);
            Assert.True(Lsn.Parse(s.StandbyReplayedLsn!) >= Lsn.Parse(s.ReplayLsn!)); // the standby is never behind what the primary last heard from it
        });
    }

    [Fact]
    [Goal("1.1.1-3")]
    public async Task A_cut_off_standby_receives_nothing_until_it_follows_the_primary_again()
    {
        var cutAt = await Topology.CutOffAsync("replica2", CancellationToken.None);
        try
        {
            await Sql.ExecuteAsync(Primary, default, $"INSERT INTO {ReplicationTopology.Table} (id, writer, payload) SELECT g, -3, 'after the cut' FROM generate_series(3000000, 3000199) AS g ON CONFLICT DO NOTHING");
            var primaryAt = await Sql.ScalarAsync<string>(Primary, "SELECT pg_current_wal_flush_lsn()::text");
            // replica1 still streams and gets there; replica2 stays where it was cut.
            await Eventually.UntilAsync(async () => Lsn.Parse(await ReceivedAsync("replica1")) >= Lsn.Parse(primaryAt), TimeSpan.FromSeconds(30), $"replica1 to receive {primaryAt}");
            var stuck = await ReceivedAsync("replica2");
            output.WriteLine($"cut at {cutAt}; primary at {primaryAt}; replica2 still at {stuck}");
            Assert.Equal(cutAt, stuck);
            Assert.True(Lsn.Parse(primaryAt) > Lsn.Parse(cutAt));
        }
        finally
        {
            await Topology.FollowPrimaryAsync("replica2", CancellationToken.None);
        }
        await Topology.WaitForStandbysAsync(Topology.Primary, ["replica2"], TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    private Task<string> SyncStatesAsync() =>
        Sql.ScalarAsync<string>(Primary, "SELECT string_agg(application_name || ':' || sync_state, ',' ORDER BY application_name) FROM pg_stat_replication");

    private Task<string> ReceivedAsync(string standby) =>
        Sql.ScalarAsync<string>(Sql.Unpooled(Topology.Member(standby).ConnectionString), "SELECT pg_last_wal_receive_lsn()::text");
}
