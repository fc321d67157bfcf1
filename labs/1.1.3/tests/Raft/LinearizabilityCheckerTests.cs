using StatelessMind.Labs.Consensus.Raft;
using StatelessMind.Labs.Consensus.Raft.KeyValue;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>The checker on hand-made histories: it must accept the linearizable ones and reject the others.</summary>
public sealed class LinearizabilityCheckerTests
{
    private static Operation Put(int c, string v, long call, long ret) => new(c, KvOp.Put, "x", v, "", call, ret);
    private static Operation Append(int c, string v, long call, long ret) => new(c, KvOp.Append, "x", v, "", call, ret);
    private static Operation Get(int c, string output, long call, long ret) => new(c, KvOp.Get, "x", "", output, call, ret);

    [Fact]
    [Goal("1.1.3-3")]
    public void A_read_overlapping_a_write_may_see_either_value()
    {
        Assert.Equal(LinearizabilityResult.Linearizable, LinearizabilityChecker.Check([Put(0, "a", 0, 10), Get(1, "", 5, 15)]));
        Assert.Equal(LinearizabilityResult.Linearizable, LinearizabilityChecker.Check([Put(0, "a", 0, 10), Get(1, "a", 5, 15)]));
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_read_after_a_completed_write_must_see_it()
    {
        Assert.Equal(LinearizabilityResult.NotLinearizable, LinearizabilityChecker.Check([Put(0, "a", 0, 10), Get(1, "", 11, 20)]));
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void Two_readers_may_not_see_two_writes_in_opposite_orders()
    {
        // Reader 1 sees b then a, reader 2 sees a then b, while both puts overlap everything: no single order explains both.
        Operation[] history =
        [
            Put(0, "a", 0, 100), Put(1, "b", 0, 100),
            Get(2, "b", 10, 20), Get(2, "a", 30, 40),
            Get(3, "a", 10, 20), Get(3, "b", 30, 40),
        ];
        Assert.Equal(LinearizabilityResult.NotLinearizable, LinearizabilityChecker.Check(history));
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void Appends_are_ordered_and_a_pending_write_may_or_may_not_take_effect()
    {
        Operation[] history =
        [
            Append(0, "1;", 0, 10), Append(1, "2;", 5, 12), Get(2, "2;1;", 13, 20),
            Append(0, "3;", 21, long.MaxValue), // never returned
            Get(1, "2;1;", 22, 30), Get(2, "2;1;3;", 31, 40),
        ];
        Assert.Equal(LinearizabilityResult.Linearizable, LinearizabilityChecker.Check(history));
        Assert.Equal(LinearizabilityResult.NotLinearizable, LinearizabilityChecker.Check([.. history, Get(1, "1;2;", 41, 50)]));
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void Keys_are_checked_independently()
    {
        Operation[] history =
        [
            new(0, KvOp.Put, "x", "1", "", 0, 10), new(0, KvOp.Put, "y", "2", "", 11, 20),
            new(1, KvOp.Get, "y", "", "2", 21, 30), new(1, KvOp.Get, "x", "", "", 31, 40),
        ];
        Assert.Equal(LinearizabilityResult.NotLinearizable, LinearizabilityChecker.Check(history));
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_history_the_search_gave_up_on_is_unknown_and_does_not_count_as_safe()
    {
        // Six overlapping appends and a read of one of their 720 orders: more than five steps to decide.
        Operation[] history =
        [
            .. Enumerable.Range(0, 6).Select(i => Append(i, $"{i};", 0, 100)),
            Get(9, "5;4;3;2;1;0;", 101, 110),
        ];
        Assert.Equal(LinearizabilityResult.Unknown, LinearizabilityChecker.Check(history, maxStepsPerKey: 5, out var steps));
        Assert.Equal(6, steps);
        Assert.Equal(LinearizabilityResult.Linearizable, LinearizabilityChecker.Check(history, LinearizabilityChecker.DefaultMaxStepsPerKey, out var full));
        Assert.True(full > 5, $"the full search took {full} steps");

        var run = RandomFaultRun.Run(42);
        Assert.True(run.Safe);
        Assert.False((run with { Linearizability = LinearizabilityResult.Unknown }).Safe, "an undecided history must not count as linearizable");
    }
}
