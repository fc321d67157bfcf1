using StatelessMind.Labs.Consensus.Raft;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>Determinism: a seed is a run. A failing seed replays event for event.</summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.3-3")]
    public void The_same_seed_gives_the_same_run()
    {
        var a = RandomFaultRun.Run(42);
        var b = RandomFaultRun.Run(42);
        var c = RandomFaultRun.Run(43);
        output.WriteLine($"seed 42: {a.Events:N0} events, trace {a.TraceHash:x16}; seed 43: trace {c.TraceHash:x16}");
        Assert.Equal(a.TraceHash, b.TraceHash);
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(a.LeaderTimeline, b.LeaderTimeline);
        Assert.NotEqual(a.TraceHash, c.TraceHash);
        Assert.True(a.Safe && a.Live);
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_planted_voting_bug_is_caught_and_its_failing_seed_replays_exactly()
    {
        var buggy = new RandomFaultRun.Options { Bug = ProtocolBug.VoteWithoutLogCheck };
        RandomFaultRunResult? failing = null;
        for (ulong seed = 1; seed <= 60 && failing is null; seed++)
        {
            var r = RandomFaultRun.Run(seed, buggy);
            if (r.Violations.Count > 0) failing = r;
        }
        Assert.NotNull(failing);
        output.WriteLine($"seed {failing.Seed}: {failing.Violations[0]}");

        var replay = RandomFaultRun.Run(failing.Seed, buggy);
        Assert.Equal(failing.TraceHash, replay.TraceHash);
        Assert.Equal(failing.Events, replay.Events);
        Assert.Equal(failing.Violations.Select(v => v.ToString()), replay.Violations.Select(v => v.ToString()));

        // The same seed with the paper's protocol is safe.
        var correct = RandomFaultRun.Run(failing.Seed);
        Assert.Empty(correct.Violations);
        Assert.True(correct.Safe && correct.Live);
    }
}
