using StatelessMind.Labs.Consensus.Raft;
using static StatelessMind.Labs.Consensus.Raft.RaftTestCluster;
using static StatelessMind.Labs.Consensus.Raft.Simulation.Simulator;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>
/// Persistence, Figure 8 and churn, ported one to one from the classic Raft lab suite (part 3C).
/// Crashing a server drops its object and volatile state; a restart reads only its storage.
/// </summary>
public sealed class PersistenceScenarioTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.3-3")]
    public void Persist13C()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 321);
        cfg.Begin("Test (3C): basic persistence");
        cfg.One(Cmd(11), servers, retry: true);

        // Crash and restart every server.
        for (var i = 0; i < servers; i++) cfg.Start1(i);
        for (var i = 0; i < servers; i++)
        {
            cfg.Disconnect(i);
            cfg.Connect(i);
        }
        cfg.One(Cmd(12), servers, retry: true);

        var leader1 = cfg.CheckOneLeader();
        cfg.Disconnect(leader1);
        cfg.Start1(leader1);
        cfg.Connect(leader1);
        cfg.One(Cmd(13), servers, retry: true);

        var leader2 = cfg.CheckOneLeader();
        cfg.Disconnect(leader2);
        cfg.One(Cmd(14), servers - 1, retry: true);
        cfg.Start1(leader2);
        cfg.Connect(leader2);
        cfg.Wait(4, servers, -1); // wait for leader2 to join before killing i3

        var i3 = (cfg.CheckOneLeader() + 1) % servers;
        cfg.Disconnect(i3);
        cfg.One(Cmd(15), servers - 1, retry: true);
        cfg.Start1(i3);
        cfg.Connect(i3);
        cfg.One(Cmd(16), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void Persist23C()
    {
        const int servers = 5;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 322);
        cfg.Begin("Test (3C): more persistence");
        var index = 1;
        for (var iteration = 0; iteration < 5; iteration++)
        {
            cfg.One(Cmd(10 + index++), servers, retry: true);
            var leader1 = cfg.CheckOneLeader();

            cfg.Disconnect((leader1 + 1) % servers);
            cfg.Disconnect((leader1 + 2) % servers);
            cfg.One(Cmd(10 + index++), servers - 2, retry: true);

            cfg.Disconnect(leader1 % servers);
            cfg.Disconnect((leader1 + 3) % servers);
            cfg.Disconnect((leader1 + 4) % servers);

            // Two servers that missed the last entry restart, then a third that has it: they must elect it.
            cfg.Start1((leader1 + 1) % servers);
            cfg.Start1((leader1 + 2) % servers);
            cfg.Connect((leader1 + 1) % servers);
            cfg.Connect((leader1 + 2) % servers);
            cfg.Sleep(ElectionTimeout);

            cfg.Start1((leader1 + 3) % servers);
            cfg.Connect((leader1 + 3) % servers);
            cfg.One(Cmd(10 + index++), servers - 2, retry: true);

            cfg.Connect((leader1 + 4) % servers);
            cfg.Connect(leader1 % servers);
        }
        cfg.One(Cmd(1000), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void Persist33C()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 323);
        cfg.Begin("Test (3C): partitioned leader and one follower crash, leader restarts");
        cfg.One(Cmd(101), 3, retry: true);

        var leader = cfg.CheckOneLeader();
        cfg.Disconnect((leader + 2) % servers);
        cfg.One(Cmd(102), 2, retry: true);

        cfg.Crash1(leader % servers);
        cfg.Crash1((leader + 1) % servers);
        cfg.Connect((leader + 2) % servers);
        cfg.Start1(leader % servers);
        cfg.Connect(leader % servers);
        cfg.One(Cmd(103), 2, retry: true);

        cfg.Start1((leader + 1) % servers);
        cfg.Connect((leader + 1) % servers);
        cfg.One(Cmd(104), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    /// <summary>Budget: 1000 rounds of starts at every server, short or long pauses and a leader crash
    /// each round, with at least three servers up; then everything agrees within 10 s.</summary>
    [Fact]
    [Goal("1.1.3-3")]
    public void Figure83C()
    {
        const int servers = 5;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 324);
        cfg.Begin("Test (3C): Figure 8");
        cfg.One(cfg.RandomCmd(), 1, retry: true);
        var up = servers;
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            var leader = -1;
            for (var i = 0; i < servers; i++)
                if (cfg.Node(i) is not null && cfg.Start(i, cfg.RandomCmd()).IsLeader)
                    leader = i;
            cfg.Sleep(cfg.Random.Next(1000) < 100
                ? cfg.Random.Next((int)(ElectionTimeout / Millisecond / 2)) * Millisecond
                : cfg.Random.Next(13) * Millisecond);
            if (leader != -1)
            {
                cfg.Crash1(leader);
                up--;
            }
            if (up < 3)
            {
                var s = cfg.Random.Next(servers);
                if (cfg.Node(s) is null)
                {
                    cfg.Start1(s);
                    cfg.Connect(s);
                    up++;
                }
            }
        }
        for (var i = 0; i < servers; i++)
        {
            if (cfg.Node(i) is not null) continue;
            cfg.Start1(i);
            cfg.Connect(i);
        }
        cfg.One(cfg.RandomCmd(), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void UnreliableAgree3C()
    {
        const int servers = 5;
        var cfg = new RaftTestCluster(servers, reliable: false, snapshots: false, seed: 325);
        cfg.Begin("Test (3C): unreliable agreement");
        for (var iteration = 1; iteration < 50; iteration++)
        {
            // Four agreements in flight at once, then one more.
            cfg.OneAll([Cmd(100 * iteration), Cmd(100 * iteration + 1), Cmd(100 * iteration + 2), Cmd(100 * iteration + 3)], 1);
            cfg.One(Cmd(iteration), 1, retry: true);
        }
        cfg.SetReliable(true);
        cfg.One(Cmd(100), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    /// <summary>Budget: as Figure 8, on a lossy network with long reordering from round 200 on; leaders
    /// are disconnected instead of crashed; then everything agrees within 10 s.</summary>
    [Fact]
    [Goal("1.1.3-3")]
    public void Figure8Unreliable3C()
    {
        const int servers = 5;
        var cfg = new RaftTestCluster(servers, reliable: false, snapshots: false, seed: 326);
        cfg.Begin("Test (3C): Figure 8 (unreliable)");
        cfg.One(Cmd(cfg.Random.Next(10_000)), 1, retry: true);
        var up = servers;
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            if (iteration == 200) cfg.SetLongReordering(true);
            var leader = -1;
            for (var i = 0; i < servers; i++)
                if (cfg.Start(i, Cmd(cfg.Random.Next(10_000))).IsLeader && cfg.IsConnected(i))
                    leader = i;
            cfg.Sleep(cfg.Random.Next(1000) < 100
                ? cfg.Random.Next((int)(ElectionTimeout / Millisecond / 2)) * Millisecond
                : cfg.Random.Next(13) * Millisecond);
            if (leader != -1 && cfg.Random.Next(1000) < ElectionTimeout / Millisecond / 2)
            {
                cfg.Disconnect(leader);
                up--;
            }
            if (up < 3)
            {
                var s = cfg.Random.Next(servers);
                if (!cfg.IsConnected(s))
                {
                    cfg.Connect(s);
                    up++;
                }
            }
        }
        for (var i = 0; i < servers; i++)
            if (!cfg.IsConnected(i)) cfg.Connect(i);
        cfg.One(Cmd(cfg.Random.Next(10_000)), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void ReliableChurn3C() => Churn(unreliable: false, seed: 327, "Test (3C): churn");

    [Fact]
    [Goal("1.1.3-3")]
    public void UnreliableChurn3C() => Churn(unreliable: true, seed: 328, "Test (3C): unreliable churn");

    /// <summary>Budget: 20 rounds of random disconnects, restarts and crashes under three clients; afterwards
    /// every command a client saw committed is in the final log, which all five servers agree on.</summary>
    private void Churn(bool unreliable, ulong seed, string description)
    {
        const int servers = 5;
        var cfg = new RaftTestCluster(servers, reliable: !unreliable, snapshots: false, seed: seed);
        cfg.Begin(description);
        var clients = new ChurnClients(cfg, 3);
        for (var iteration = 0; iteration < 20; iteration++)
        {
            if (cfg.Random.Next(1000) < 200) cfg.Disconnect(cfg.Random.Next(servers));
            if (cfg.Random.Next(1000) < 500)
            {
                var i = cfg.Random.Next(servers);
                if (cfg.Node(i) is null) cfg.Start1(i);
                cfg.Connect(i);
            }
            if (cfg.Random.Next(1000) < 200)
            {
                var i = cfg.Random.Next(servers);
                if (cfg.Node(i) is not null) cfg.Crash1(i);
            }
            // Pause for less than an election timeout, so that a leader often survives a round.
            cfg.Sleep(ElectionTimeout * 7 / 10);
        }
        cfg.Sleep(ElectionTimeout);
        cfg.SetReliable(true);
        for (var i = 0; i < servers; i++)
        {
            if (cfg.Node(i) is null) cfg.Start1(i);
            cfg.Connect(i);
        }
        clients.Stop();
        var lastIndex = cfg.One(cfg.RandomCmd(), servers, retry: true);
        var really = new HashSet<string>();
        for (var index = 1; index <= lastIndex; index++)
            if (cfg.Wait(index, servers, -1) is { } v) really.Add(Describe(v));
        foreach (var v in clients.Committed)
            Assert.True(really.Contains(v.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"didn't find a value {v} (seed {seed})");
        output.WriteLine($"{clients.Committed.Count} client commands seen committed, all in the final log of {lastIndex} entries");
        Assert.True(clients.Committed.Count > 0, "the clients got nothing committed");
        output.WriteLine(cfg.End().ToString());
    }
}
