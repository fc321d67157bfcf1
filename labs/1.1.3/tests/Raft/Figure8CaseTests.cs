using StatelessMind.Labs.Consensus.Raft;
using static StatelessMind.Labs.Consensus.Raft.RaftTestCluster;
using static StatelessMind.Labs.Consensus.Raft.Simulation.Simulator;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>
/// Figure 8 of the Raft paper, played step by step: an entry of an earlier term that a new leader has
/// copied to a majority can still be overwritten, so counting its replicas must not commit it. With the
/// paper's commit rule nothing committed is lost; with the naive rule the checkers see a committed entry replaced.
/// </summary>
public sealed class Figure8CaseTests(ITestOutputHelper output)
{
    private static RaftTestCluster NewCluster(ProtocolBug bug) =>
        new(5, reliable: true, snapshots: false, seed: 88, new RaftOptions { Bug = bug });

    /// <summary>Plays the figure's steps (a)–(d) on five servers, printing every log after each step.</summary>
    private static void PlayFigure8(RaftTestCluster cfg, Action<string> log)
    {
        const int servers = 5;
        void ElectNow(int s)
        {
            for (var attempt = 0; attempt < 4 && !cfg.GetState(s).IsLeader; attempt++)
            {
                cfg.Node(s)!.Campaign();
                cfg.Sleep(60 * Millisecond);
            }
            Assert.True(cfg.GetState(s).IsLeader, $"S{s} should have won the election it started");
        }

        // (a) S0 leads and gets X to S1 only (index 2), with a committed entry at index 1 everywhere.
        ElectNow(0);
        cfg.One(Cmd(1), servers, retry: false);
        cfg.Disconnect(2);
        cfg.Disconnect(3);
        cfg.Disconnect(4);
        Assert.Equal(2, cfg.Start(0, Cmd(2_000)).Index);
        cfg.Sleep(50 * Millisecond);
        cfg.Crash1(0);
        cfg.Disconnect(1);

        Dump("a");
        // (b) S4 is elected by S2 and S3 in a later term and accepts Y at index 2, which nobody else gets.
        cfg.Connect(2);
        cfg.Connect(3);
        cfg.Connect(4);
        ElectNow(4);
        cfg.Disconnect(2);
        cfg.Disconnect(3);
        Assert.Equal(2, cfg.Start(4, Cmd(5_000)).Index);
        cfg.Sleep(10 * Millisecond);
        cfg.Crash1(4);

        Dump("b");
        // (c) S0 restarts, is elected again, and copies X (term of (a)) to S2 and S3: a majority holds it.
        cfg.Start1(0);
        cfg.Connect(0);
        cfg.Connect(1);
        cfg.Connect(2);
        cfg.Connect(3);
        ElectNow(0);
        cfg.Sleep(200 * Millisecond);
        cfg.Crash1(0);

        Dump("c");
        // (d) S4 restarts; its last term is higher than anyone's, so S1, S2 and S3 elect it, and it replaces X with Y.
        cfg.Start1(4);
        cfg.Connect(4);
        ElectNow(4);
        cfg.Sleep(200 * Millisecond);
        Dump("d");
        cfg.One(Cmd(3), 4, retry: true);
        Dump("e");
        foreach (var l in cfg.Metrics.LeaderTimeline) log($"{l.AtMs:0.0} ms: S{l.Leader} leads term {l.Term}");

        void Dump(string step)
        {
            for (var i = 0; i < servers; i++)
                if (cfg.Node(i) is { } n)
                    log($"({step} {cfg.Sim.NowMs:0.0} ms) {n} [{string.Join(",", Enumerable.Range(n.BaseIndex + 1, n.LastLogIndex - n.BaseIndex).Select(k => $"{Describe(n.EntryAt(k).Command)}@{n.TermAt(k)}"))}]");
        }
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void With_the_paper_commit_rule_an_old_term_entry_on_a_majority_is_not_committed_and_nothing_is_lost()
    {
        var cfg = NewCluster(ProtocolBug.None);
        PlayFigure8(cfg, output.WriteLine);
        Assert.Empty(cfg.Checker.Violations);
        var (count, command) = cfg.NCommitted(2);
        Assert.Equal(4, count);
        Assert.Equal(5_000, BitConverter.ToInt32(command!)); // Y won, and X was never reported committed
        output.WriteLine($"index 2 holds {Describe(command)} on {count} servers; no safety violation");
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void With_the_naive_commit_rule_the_checkers_see_a_committed_entry_overwritten()
    {
        var cfg = NewCluster(ProtocolBug.CommitEntriesOfEarlierTerms);
        var failure = Record.Exception(() => PlayFigure8(cfg, output.WriteLine));
        output.WriteLine(failure?.Message ?? "no failure");
        foreach (var v in cfg.Checker.Violations) output.WriteLine(v.ToString());
        Assert.IsType<RaftScenarioFailure>(failure);
        // S0 committed X at index 2 in step (c); in step (d) S4 was elected without it and replaced it.
        Assert.Contains(cfg.Checker.Violations, v => v.Property == "leader completeness");
        Assert.Contains(cfg.Checker.Violations, v => v.Property == "state machine safety");
    }
}
