using StatelessMind.Labs.Consensus.Raft;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>Task 1.1.3-3a on one server: the RequestVote receiver rule (§5.2, §5.4.1), message by message.</summary>
public sealed class RaftNodeElectionTests
{
    [Fact]
    [Goal("1.1.3-3")]
    public void A_server_grants_one_vote_per_term_and_may_repeat_it_to_the_same_candidate()
    {
        var rig = new SingleServerRig();
        rig.Deliver(new RequestVoteArgs(1, 0, 1, 0, 0));
        rig.Deliver(new RequestVoteArgs(2, 0, 1, 0, 0));
        rig.Deliver(new RequestVoteArgs(1, 0, 1, 0, 0)); // a retransmission
        var replies = rig.Take<RequestVoteReply>();
        Assert.Equal([true, false, true], replies.Select(r => r.VoteGranted));
        Assert.Equal(1, rig.Node.VotedFor);
        Assert.All(replies, r => Assert.Equal(1, r.Term));
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_server_refuses_a_candidate_whose_log_is_less_up_to_date_than_its_own()
    {
        var rig = new SingleServerRig();
        rig.Deliver(SingleServerRig.AppendFrom1(term: 2, prevIndex: 0, prevTerm: 0, [1, 2, 2])); // log: terms 1, 2, 2
        rig.Take<AppendEntriesReply>();
        rig.Deliver(new RequestVoteArgs(2, 0, 3, LastLogIndex: 9, LastLogTerm: 1)); // longer, but an older last term
        rig.Deliver(new RequestVoteArgs(2, 0, 4, LastLogIndex: 2, LastLogTerm: 2)); // same last term, shorter
        rig.Deliver(new RequestVoteArgs(2, 0, 5, LastLogIndex: 3, LastLogTerm: 2)); // as up to date: granted
        Assert.Equal([false, false, true], rig.Take<RequestVoteReply>().Select(r => r.VoteGranted));
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_vote_for_an_older_term_is_refused_and_answered_with_the_current_term()
    {
        var rig = new SingleServerRig();
        rig.Deliver(new RequestVoteArgs(1, 0, 4, 0, 0));
        rig.Deliver(new RequestVoteArgs(2, 0, 3, 0, 0));
        var replies = rig.Take<RequestVoteReply>();
        Assert.False(replies[1].VoteGranted);
        Assert.Equal(4, replies[1].Term);
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_granted_vote_survives_a_crash_so_the_restarted_server_cannot_vote_twice_in_that_term()
    {
        var rig = new SingleServerRig();
        rig.Deliver(new RequestVoteArgs(1, 0, 1, 0, 0));
        rig.Restart();
        Assert.Equal((1, 1), (rig.Node.CurrentTerm, rig.Node.VotedFor));
        rig.Deliver(new RequestVoteArgs(2, 0, 1, 0, 0));
        Assert.Equal([true, false], rig.Take<RequestVoteReply>().Select(r => r.VoteGranted));
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void With_the_planted_voting_bug_a_stale_candidate_gets_the_vote()
    {
        var rig = new SingleServerRig(options: new RaftOptions { Bug = ProtocolBug.VoteWithoutLogCheck });
        rig.Deliver(SingleServerRig.AppendFrom1(term: 2, prevIndex: 0, prevTerm: 0, [2, 2]));
        rig.Deliver(new RequestVoteArgs(2, 0, 3, LastLogIndex: 0, LastLogTerm: 0));
        Assert.True(rig.Take<RequestVoteReply>().Single().VoteGranted);
    }
}
