using StatelessMind.Labs.Consensus.Raft;
using static StatelessMind.Labs.Consensus.Raft.RaftTestCluster;
using static StatelessMind.Labs.Consensus.Raft.Simulation.Simulator;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>
/// Log replication, ported one to one from the classic Raft lab suite (part 3B). Budget of every
/// one(): agreement within 2 s of virtual time after a leader accepts the command, retried for at most 10 s.
/// </summary>
public sealed class AgreementScenarioTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.3-3")]
    public void BasicAgree3B()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 311);
        cfg.Begin("Test (3B): basic agreement");
        for (var index = 1; index <= 3; index++)
        {
            Assert.True(cfg.NCommitted(index).Count == 0, "some have committed before Start()");
            Assert.Equal(index, cfg.One(Cmd(index * 100), servers, retry: false));
        }
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void RPCBytes3B()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 312);
        cfg.Begin("Test (3B): RPC byte count");
        cfg.One(Cmd(99), servers, retry: false);
        var bytes0 = cfg.BytesTotal;
        long sent = 0;
        for (var index = 2; index < 12; index++)
        {
            var command = cfg.RandomString(5000);
            Assert.Equal(index, cfg.One(command, servers, retry: false));
            sent += command.Length;
        }
        // Budget: each command crosses the wire about once per follower (servers × sent), plus 50,000 bytes of slack.
        var got = cfg.BytesTotal - bytes0;
        var expected = servers * sent;
        output.WriteLine($"RPC bytes: {got:N0} for {sent:N0} bytes of commands (budget {expected + 50_000:N0})");
        Assert.True(got <= expected + 50_000, $"too many RPC bytes; got {got}, expected {expected}");
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void FollowerFailure3B()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 313);
        cfg.Begin("Test (3B): test progressive failure of followers");
        cfg.One(Cmd(101), servers, retry: false);

        // One follower gone: the rest still agree.
        var leader1 = cfg.CheckOneLeader();
        cfg.Disconnect((leader1 + 1) % servers);
        cfg.One(Cmd(102), servers - 1, retry: false);
        cfg.Sleep(ElectionTimeout);
        cfg.One(Cmd(103), servers - 1, retry: false);

        // Both followers gone: nothing commits.
        var leader2 = cfg.CheckOneLeader();
        cfg.Disconnect((leader2 + 1) % servers);
        cfg.Disconnect((leader2 + 2) % servers);
        var (index, _, ok) = cfg.Start(leader2, Cmd(104));
        Assert.True(ok, "leader rejected Start()");
        Assert.Equal(4, index);
        cfg.Sleep(2 * ElectionTimeout);
        Assert.True(cfg.NCommitted(index).Count == 0, "committed without a majority");
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void LeaderFailure3B()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 314);
        cfg.Begin("Test (3B): test failure of leaders");
        cfg.One(Cmd(101), servers, retry: false);

        var leader1 = cfg.CheckOneLeader();
        cfg.Disconnect(leader1);
        cfg.One(Cmd(102), servers - 1, retry: false);
        cfg.Sleep(ElectionTimeout);
        cfg.One(Cmd(103), servers - 1, retry: false);

        // The new leader goes too: the lone remaining server cannot commit anything.
        var leader2 = cfg.CheckOneLeader();
        cfg.Disconnect(leader2);
        for (var i = 0; i < servers; i++) cfg.Start(i, Cmd(104));
        cfg.Sleep(2 * ElectionTimeout);
        Assert.True(cfg.NCommitted(4).Count == 0, "committed without a majority");
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void FailAgree3B()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 315);
        cfg.Begin("Test (3B): agreement after follower reconnects");
        cfg.One(Cmd(101), servers, retry: false);
        var leader = cfg.CheckOneLeader();
        cfg.Disconnect((leader + 1) % servers);
        cfg.One(Cmd(102), servers - 1, retry: false);
        cfg.One(Cmd(103), servers - 1, retry: false);
        cfg.Sleep(ElectionTimeout);
        cfg.One(Cmd(104), servers - 1, retry: false);
        cfg.One(Cmd(105), servers - 1, retry: false);

        // The follower comes back and must catch up.
        cfg.Connect((leader + 1) % servers);
        cfg.One(Cmd(106), servers, retry: true);
        cfg.Sleep(ElectionTimeout);
        cfg.One(Cmd(107), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void FailNoAgree3B()
    {
        const int servers = 5;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 316);
        cfg.Begin("Test (3B): no agreement if too many followers disconnect");
        cfg.One(Cmd(10), servers, retry: false);

        // Three of five followers gone.
        var leader = cfg.CheckOneLeader();
        cfg.Disconnect((leader + 1) % servers);
        cfg.Disconnect((leader + 2) % servers);
        cfg.Disconnect((leader + 3) % servers);
        var (index, _, ok) = cfg.Start(leader, Cmd(20));
        Assert.True(ok, "leader rejected Start()");
        Assert.Equal(2, index);
        cfg.Sleep(2 * ElectionTimeout);
        Assert.True(cfg.NCommitted(index).Count == 0, $"{cfg.NCommitted(index).Count} committed but no majority");

        // Repair: the new leader may have to overwrite the uncommitted entry.
        cfg.Connect((leader + 1) % servers);
        cfg.Connect((leader + 2) % servers);
        cfg.Connect((leader + 3) % servers);
        var leader2 = cfg.CheckOneLeader();
        var (index2, _, ok2) = cfg.Start(leader2, Cmd(30));
        Assert.True(ok2, "leader2 rejected Start()");
        Assert.InRange(index2, 2, 3);
        cfg.One(Cmd(1000), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void ConcurrentStarts3B()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 317);
        cfg.Begin("Test (3B): concurrent Start()s");
        var success = false;
        for (var attempt = 0; attempt < 5 && !success; attempt++)
        {
            if (attempt > 0) cfg.Sleep(3 * Second); // give the solution some time to settle
            var leader = cfg.CheckOneLeader();
            var (_, term, ok) = cfg.Start(leader, Cmd(1));
            if (!ok) continue;

            // Five Start()s from "concurrent clients": each at its own random instant within 12 ms, so that the
            // AppendEntries of the first ones are sent, delivered and answered while the later ones arrive.
            var started = new List<(int Index, int Term, bool Ok)>();
            var deliveredAtStart = new List<long>();
            for (var i = 0; i < 5; i++)
            {
                var command = Cmd(100 + i);
                cfg.Sim.After(cfg.Random.NextLong(0, 12 * Millisecond), () =>
                {
                    deliveredAtStart.Add(cfg.Network.MessagesDelivered);
                    started.Add(cfg.Start(leader, command));
                });
            }
            Assert.True(cfg.Sim.RunUntil(() => started.Count == 5, cfg.Sim.Now + 20 * Millisecond), "the five Start() calls did not all run");
            var deliveredBetween = deliveredAtStart[^1] - deliveredAtStart[0];
            output.WriteLine($"attempt {attempt}: {deliveredBetween} messages delivered between the first and the last Start()");
            Assert.True(deliveredBetween > 0, "the Start() calls did not interleave with message delivery");
            var indexes = started.Where(s => s.Ok && s.Term == term).Select(s => s.Index).ToList();
            if (Enumerable.Range(0, servers).Any(j => cfg.GetState(j).Term != term)) continue; // term changed: try again

            var commands = new List<int>();
            var failed = false;
            foreach (var index in indexes)
            {
                if (cfg.Wait(index, servers, term) is not { } command)
                {
                    failed = true; // term changed: try again
                    break;
                }
                commands.Add(BitConverter.ToInt32(command));
            }
            if (failed) continue;
            for (var i = 0; i < 5; i++)
                Assert.True(commands.Contains(100 + i), $"cmd {100 + i} missing in [{string.Join(", ", commands)}]");
            success = true;
        }
        Assert.True(success, "term changed too often");
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void Rejoin3B()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 318);
        cfg.Begin("Test (3B): rejoin of partitioned leader");
        cfg.One(Cmd(101), servers, retry: true);

        // The leader is partitioned and is given entries it can never commit.
        var leader1 = cfg.CheckOneLeader();
        cfg.Disconnect(leader1);
        cfg.Start(leader1, Cmd(102));
        cfg.Start(leader1, Cmd(103));
        cfg.Start(leader1, Cmd(104));

        // The others elect a new leader and commit at index 2.
        cfg.One(Cmd(103), 2, retry: true);
        var leader2 = cfg.CheckOneLeader();
        cfg.Disconnect(leader2);

        // The old leader comes back: its uncommitted entries must be replaced.
        cfg.Connect(leader1);
        cfg.One(Cmd(104), 2, retry: true);
        cfg.Connect(leader2);
        cfg.One(Cmd(105), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void Backup3B()
    {
        const int servers = 5;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 319);
        cfg.Begin("Test (3B): leader backs up quickly over incorrect follower logs");
        cfg.One(cfg.RandomCmd(), servers, retry: true);

        // The leader and one follower in a minority, given 50 entries that will never commit.
        var leader1 = cfg.CheckOneLeader();
        cfg.Disconnect((leader1 + 2) % servers);
        cfg.Disconnect((leader1 + 3) % servers);
        cfg.Disconnect((leader1 + 4) % servers);
        for (var i = 0; i < 50; i++) cfg.Start(leader1, cfg.RandomCmd());
        cfg.Sleep(ElectionTimeout / 2);
        cfg.Disconnect(leader1);
        cfg.Disconnect((leader1 + 1) % servers);

        // The other three commit 50 entries of their own.
        cfg.Connect((leader1 + 2) % servers);
        cfg.Connect((leader1 + 3) % servers);
        cfg.Connect((leader1 + 4) % servers);
        for (var i = 0; i < 50; i++) cfg.One(cfg.RandomCmd(), 3, retry: true);

        // Now another partitioned leader and one follower, 50 more uncommitted entries.
        var leader2 = cfg.CheckOneLeader();
        var other = (leader1 + 2) % servers;
        if (leader2 == other) other = (leader2 + 1) % servers;
        cfg.Disconnect(other);
        for (var i = 0; i < 50; i++) cfg.Start(leader2, cfg.RandomCmd());
        cfg.Sleep(ElectionTimeout / 2);

        // The original leader, its follower and `other` come back: their logs must be repaired fast.
        for (var i = 0; i < servers; i++) cfg.Disconnect(i);
        cfg.Connect(leader1);
        cfg.Connect((leader1 + 1) % servers);
        cfg.Connect(other);
        for (var i = 0; i < 50; i++) cfg.One(cfg.RandomCmd(), 3, retry: true);

        for (var i = 0; i < servers; i++) cfg.Connect(i);
        cfg.One(cfg.RandomCmd(), servers, retry: true);
        output.WriteLine(cfg.End().ToString());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void Count3B()
    {
        const int servers = 3;
        var cfg = new RaftTestCluster(servers, reliable: true, snapshots: false, seed: 320);
        cfg.Begin("Test (3B): RPC counts aren't too high");
        cfg.CheckOneLeader();
        var total1 = cfg.RpcTotal;
        // Budget: electing the first leader takes between 1 and 30 RPCs.
        Assert.True(total1 is >= 1 and <= 30, $"too many or few RPCs ({total1}) to elect initial leader");

        var success = false;
        long total2 = 0;
        const int iterations = 10;
        for (var attempt = 0; attempt < 5 && !success; attempt++)
        {
            if (attempt > 0) cfg.Sleep(3 * Second);
            var leader = cfg.CheckOneLeader();
            total1 = cfg.RpcTotal;
            var (starti, term, ok) = cfg.Start(leader, Cmd(1));
            if (!ok) continue;
            var commands = new List<byte[]>();
            var restart = false;
            for (var i = 1; i < iterations + 2 && !restart; i++)
            {
                var x = cfg.RandomCmd();
                commands.Add(x);
                var (index1, term1, ok1) = cfg.Start(leader, x);
                if (term1 != term || !ok1) restart = true; // term changed while starting
                else Assert.True(starti + i == index1, "Start() failed");
            }
            if (restart) continue;
            for (var i = 1; i < iterations + 1 && !restart; i++)
            {
                var command = cfg.Wait(starti + i, servers, term);
                if (command is null) restart = true; // term changed: try again
                else Assert.True(command.AsSpan().SequenceEqual(commands[i - 1]), $"wrong value {Describe(command)} committed for index {starti + i}");
            }
            if (restart || Enumerable.Range(0, servers).Any(j => cfg.GetState(j).Term != term)) continue;
            total2 = cfg.RpcTotal;
            // Budget: at most (iterations + 1 + 3) × 3 RPCs to agree on iterations + 1 commands.
            output.WriteLine($"RPCs for {iterations + 1} agreements: {total2 - total1} (budget {(iterations + 1 + 3) * 3})");
            Assert.True(total2 - total1 <= (iterations + 1 + 3) * 3, $"too many RPCs ({total2 - total1}) for {iterations} entries");
            success = true;
        }
        Assert.True(success, "term changed too often");

        // Budget: at most 3 × 20 RPCs during one second of idleness (heartbeats only).
        cfg.Sleep(ElectionTimeout);
        var total3 = cfg.RpcTotal;
        output.WriteLine($"RPCs in 1 s idle: {total3 - total2} (budget 60)");
        Assert.True(total3 - total2 <= 3 * 20, $"too many RPCs ({total3 - total2}) for 1 second of idleness");
        output.WriteLine(cfg.End().ToString());
    }
}
