using StatelessMind.Labs.Consensus.Raft;
using static StatelessMind.Labs.Consensus.Tests.Raft.SingleServerRig;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>Task 1.1.3-3b on one server: the follower's consistency check and append (§5.3), and the leader's
/// commit rule with the Figure 8 restriction (§5.4.2).</summary>
public sealed class RaftNodeReplicationTests
{
    [Fact]
    [Goal("1.1.3-3")]
    public void A_follower_whose_log_is_too_short_refuses_and_says_where_its_log_ends()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 1, prevIndex: 0, prevTerm: 0, [1]));
        rig.Deliver(AppendFrom1(term: 1, prevIndex: 4, prevTerm: 1, [1]));
        var refusal = rig.Take<AppendEntriesReply>()[^1];
        Assert.False(refusal.Success);
        Assert.Equal((-1, 2, 2), (refusal.ConflictTerm, refusal.ConflictIndex, refusal.LogLength));
        Assert.Equal([1], rig.LogTerms());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_follower_with_another_term_at_the_previous_index_refuses_with_that_term_and_its_first_index()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 3, prevIndex: 0, prevTerm: 0, [1, 2, 2, 2]));
        rig.Deliver(AppendFrom1(term: 4, prevIndex: 4, prevTerm: 3, [4]));
        var refusal = rig.Take<AppendEntriesReply>()[^1];
        Assert.False(refusal.Success);
        Assert.Equal((2, 2), (refusal.ConflictTerm, refusal.ConflictIndex));
        Assert.Equal([1, 2, 2, 2], rig.LogTerms()); // a refusal changes nothing
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_follower_appends_and_commits_no_further_than_what_the_message_proved()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 1, prevIndex: 0, prevTerm: 0, [1, 1, 1], leaderCommit: 0));
        rig.Deliver(AppendFrom1(term: 1, prevIndex: 1, prevTerm: 1, [], leaderCommit: 3)); // a heartbeat proving index 1 only
        var replies = rig.Take<AppendEntriesReply>();
        Assert.Equal([3, 1], replies.Select(r => r.MatchIndex));
        Assert.Equal(1, rig.Node.CommitIndex);
        Assert.Equal([1], rig.Applied.Select(a => a.CommandIndex));
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_late_shorter_message_does_not_truncate_entries_that_match()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 1, prevIndex: 0, prevTerm: 0, [1, 1, 1]));
        rig.Deliver(AppendFrom1(term: 1, prevIndex: 0, prevTerm: 0, [1])); // delivered late, out of order
        Assert.Equal([1, 1, 1], rig.LogTerms());
        Assert.Equal(1, rig.Take<AppendEntriesReply>()[^1].MatchIndex);
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_real_conflict_truncates_the_log_from_the_conflicting_entry_on()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 2, prevIndex: 0, prevTerm: 0, [1, 2, 2, 2]));
        rig.Deliver(AppendFrom1(term: 3, prevIndex: 1, prevTerm: 1, [3]));
        Assert.Equal([1, 3], rig.LogTerms());
        Assert.Equal(new byte[] { 2, 3 }, rig.Node.EntryAt(2).Command);
    }

    [Theory]
    [InlineData(ProtocolBug.None, 0)]
    [InlineData(ProtocolBug.CommitEntriesOfEarlierTerms, 2)]
    [Goal("1.1.3-3")]
    public void A_new_leader_does_not_commit_entries_of_an_earlier_term_by_counting_replicas(ProtocolBug bug, int committedByCounting)
    {
        var rig = new SingleServerRig(options: new RaftOptions { Bug = bug });
        rig.ElectWithVoteOfPeer1(); // term 1
        rig.Node.Start([1]);
        rig.Node.Start([2]);
        rig.Restart(); // entries 1 and 2 of term 1, not committed
        rig.ElectWithVoteOfPeer1(); // term 2
        var term = rig.Node.CurrentTerm;

        rig.Deliver(new AppendEntriesReply(1, 0, term, true, MatchIndex: 2, PrevLogIndex: 0, 0, 0, 0));
        Assert.Equal(committedByCounting, rig.Node.CommitIndex); // stored on 2 of 3, but of term 1

        var (index, _, _) = rig.Node.Start([3]);
        rig.Deliver(new AppendEntriesReply(1, 0, term, true, MatchIndex: index, PrevLogIndex: 2, 0, 0, 0));
        Assert.Equal(3, rig.Node.CommitIndex); // a term-2 entry on a majority commits everything before it
    }
}
