using StatelessMind.Labs.Consensus.Raft;
using static StatelessMind.Labs.Consensus.Raft.RaftTestCluster;
using static StatelessMind.Labs.Consensus.Raft.Simulation.Simulator;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>
/// Leader election, ported one to one from the classic Raft lab suite (part 3A). Budget of every
/// checkOneLeader: a leader within ten rounds of 450–550 ms of virtual time. Safety checkers run after every event.
/// </summary>
public sealed class ElectionScenarioTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.3-3")]
    public void InitialElection3A()
    {
        var cfg = new RaftTestCluster(3, reliable: true, snapshots: false, seed: 301);
        cfg.Begin("Test (3A): initial election");
        cfg.CheckOneLeader();

        // All servers agree on a term of at least 1.
        cfg.Sleep(50 * Millisecond);
        var term1 = cfg.CheckTerms();
        Assert.True(term1 >= 1, $"term is {term1}, but should be at least 1");

        // Budget: without failures, no new election for two election timeouts.
        cfg.Sleep(2 * ElectionTimeout);
        Assert.Equal(term1, cfg.CheckTerms());
        cfg.CheckOneLeader();
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void ReElection3A()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 302);
        cfg.Begin("Test (3A): election after network failure");
        var leader1 = cfg.CheckOneLeader();

        // The leader disconnects: a new one must be elected.
        cfg.Disconnect(leader1);
        cfg.CheckOneLeader();

        // The old leader rejoins: it must not disturb the new one.
        cfg.Connect(leader1);
        var leader2 = cfg.CheckOneLeader();

        // No quorum: no leader may be elected.
        cfg.Disconnect(leader2);
        cfg.Disconnect((leader2 + 1) % servers);
        cfg.Sleep(2 * ElectionTimeout);
        cfg.CheckNoLeader();

        // A quorum again: a leader.
        cfg.Connect((leader2 + 1) % servers);
        cfg.CheckOneLeader();

        cfg.Connect(leader2);
        cfg.CheckOneLeader();
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void ManyElections3A()
    {
        const int servers = 7;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 303);
        cfg.Begin("Test (3A): multiple elections");
        cfg.CheckOneLeader();
        for (var iteration = 0; iteration < 10; iteration++)
        {
            // Disconnect three random servers; the remaining four (or more) must elect a leader.
            var (i1, i2, i3) = (cfg.Random.Next(servers), cfg.Random.Next(servers), cfg.Random.Next(servers));
            cfg.Disconnect(i1);
            cfg.Disconnect(i2);
            cfg.Disconnect(i3);
            cfg.CheckOneLeader();
            cfg.Connect(i1);
            cfg.Connect(i2);
            cfg.Connect(i3);
        }
        cfg.CheckOneLeader();
        output.WriteLine(cfg.End().ToString());
    }
}
