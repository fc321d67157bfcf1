using StatelessMind.Labs.Consensus.Raft;
using static StatelessMind.Labs.Consensus.Raft.RaftTestCluster;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>
/// Log compaction, ported one to one from the classic Raft lab suite (part 3D). The service snapshots
/// every 10 applied entries; followers that fall behind the snapshot catch up through InstallSnapshot.
/// </summary>
public sealed class SnapshotScenarioTests(ITestOutputHelper output)
{
    /// <summary>The lab suite's bound on a server's persisted Raft state once it snapshots.</summary>
    private const int MaxLogSize = 2000;

    [Fact]
    [Goal("1.1.3-3")]
    public void SnapshotBasic3D() => SnapCommon("Test (3D): snapshots basic", disconnect: false, reliable: true, crash: false, seed: 331);

    [Fact]
    [Goal("1.1.3-3")]
    public void SnapshotInstall3D() => SnapCommon("Test (3D): install snapshots (disconnect)", disconnect: true, reliable: true, crash: false, seed: 332);

    [Fact]
    [Goal("1.1.3-3")]
    public void SnapshotInstallUnreliable3D() => SnapCommon("Test (3D): install snapshots (disconnect+unreliable)", disconnect: true, reliable: false, crash: false, seed: 333);

    [Fact]
    [Goal("1.1.3-3")]
    public void SnapshotInstallCrash3D() => SnapCommon("Test (3D): install snapshots (crash)", disconnect: false, reliable: true, crash: true, seed: 334);

    [Fact]
    [Goal("1.1.3-3")]
    public void SnapshotInstallUnCrash3D() => SnapCommon("Test (3D): install snapshots (unreliable+crash)", disconnect: false, reliable: false, crash: true, seed: 335);

    /// <summary>Budget: over 30 rounds the persisted Raft state stays under 2,000 bytes, and a victim that
    /// was disconnected or crashed while the others compacted catches up within one agreement.</summary>
    private void SnapCommon(string description, bool disconnect, bool reliable, bool crash, ulong seed)
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable, snapshots: true, seed: seed);
        cfg.Begin(description);
        cfg.One(cfg.RandomCmd(), servers, retry: true);
        var leader1 = cfg.CheckOneLeader();
        var maxLog = 0;
        for (var i = 0; i < 30; i++)
        {
            var (victim, sender) = ((leader1 + 1) % servers, leader1);
            if (i % 3 == 1) (victim, sender) = (leader1, (leader1 + 1) % servers);
            if (disconnect)
            {
                cfg.Disconnect(victim);
                cfg.One(cfg.RandomCmd(), servers - 1, retry: true);
            }
            if (crash)
            {
                cfg.Crash1(victim);
                cfg.One(cfg.RandomCmd(), servers - 1, retry: true);
            }
            // Enough commands to make the others snapshot past what the victim has.
            var nn = SnapshotInterval / 2 + cfg.Random.Next(SnapshotInterval);
            for (var j = 0; j < nn; j++) cfg.Start(sender, cfg.RandomCmd());
            cfg.One(cfg.RandomCmd(), disconnect || crash ? servers - 1 : servers, retry: true);
            maxLog = Math.Max(maxLog, cfg.LogSize);
            Assert.True(cfg.LogSize < MaxLogSize, $"log size too large: {cfg.LogSize} bytes");
            if (disconnect)
            {
                // The reconnected victim may need an InstallSnapshot to catch up.
                cfg.Connect(victim);
                cfg.One(cfg.RandomCmd(), servers, retry: true);
                leader1 = cfg.CheckOneLeader();
            }
            if (crash)
            {
                cfg.Start1(victim);
                cfg.Connect(victim);
                cfg.One(cfg.RandomCmd(), servers, retry: true);
                leader1 = cfg.CheckOneLeader();
            }
        }
        output.WriteLine($"largest persisted Raft state: {maxLog} bytes (budget {MaxLogSize})");
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void SnapshotAllCrash3D()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: false, snapshots: true, seed: 336);
        cfg.Begin("Test (3D): crash and restart all servers");
        cfg.One(cfg.RandomCmd(), servers, retry: true);
        for (var i = 0; i < 5; i++)
        {
            // Enough to cause a snapshot.
            var nn = SnapshotInterval / 2 + cfg.Random.Next(SnapshotInterval);
            for (var j = 0; j < nn; j++) cfg.One(cfg.RandomCmd(), servers, retry: true);
            var index1 = cfg.One(cfg.RandomCmd(), servers, retry: true);

            for (var k = 0; k < servers; k++) cfg.Crash1(k);
            for (var k = 0; k < servers; k++)
            {
                cfg.Start1(k);
                cfg.Connect(k);
            }
            var index2 = cfg.One(cfg.RandomCmd(), servers, retry: true);
            Assert.True(index2 >= index1 + 1, $"index decreased from {index1} to {index2}");
        }
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void SnapshotInit3D()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: false, snapshots: true, seed: 337);
        cfg.Begin("Test (3D): snapshot initialization after crash");
        cfg.One(cfg.RandomCmd(), servers, retry: true);
        // Enough operations to make a snapshot.
        for (var i = 0; i < SnapshotInterval + 1; i++) cfg.One(cfg.RandomCmd(), servers, retry: true);
        RestartAll(cfg);
        // A single operation, to get something written back to persistent storage.
        cfg.One(cfg.RandomCmd(), servers, retry: true);
        RestartAll(cfg);
        // Another one, to trigger a restart that ignores the snapshot.
        cfg.One(cfg.RandomCmd(), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    private static void RestartAll(RaftTestCluster cfg)
    {
        for (var i = 0; i < cfg.Servers; i++) cfg.Crash1(i);
        for (var i = 0; i < cfg.Servers; i++)
        {
            cfg.Start1(i);
            cfg.Connect(i);
        }
    }
}
