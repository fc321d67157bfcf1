using StatelessMind.Labs.Consensus.Raft;
using static StatelessMind.Labs.Consensus.Tests.Raft.SingleServerRig;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>Task 1.1.3-3c on one server: what it persisted is exactly what it reads back after a crash.</summary>
public sealed class RaftNodePersistenceTests
{
    [Fact]
    [Goal("1.1.3-3")]
    public void A_restarted_server_has_the_term_vote_and_log_it_persisted()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 3, prevIndex: 0, prevTerm: 0, [1, 3, 3]));
        rig.Deliver(new RequestVoteArgs(2, 0, 4, LastLogIndex: 3, LastLogTerm: 3));
        var before = (rig.Node.CurrentTerm, rig.Node.VotedFor, rig.LogTerms(), rig.Node.EntryAt(3).Command);
        rig.Restart();
        Assert.Equal(before.CurrentTerm, rig.Node.CurrentTerm);
        Assert.Equal(before.VotedFor, rig.Node.VotedFor);
        Assert.Equal(before.Item3, rig.LogTerms());
        Assert.Equal(before.Command, rig.Node.EntryAt(3).Command);
        Assert.Equal(0, rig.Node.CommitIndex); // the commit index is volatile: learned again from the leader
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void The_encoded_state_decodes_to_the_same_state_with_empty_and_long_commands()
    {
        var rig = new SingleServerRig();
        rig.ElectWithVoteOfPeer1();
        rig.Node.Start([]);
        rig.Node.Start(new byte[10_000]);
        var state = rig.Node.EncodeState();
        var other = new SingleServerRig();
        other.Node.DecodeState(state);
        Assert.Equal(rig.Node.CurrentTerm, other.Node.CurrentTerm);
        Assert.Equal(rig.Node.VotedFor, other.Node.VotedFor);
        Assert.Equal(rig.Node.LastLogIndex, other.Node.LastLogIndex);
        Assert.Empty(other.Node.EntryAt(1).Command);
        Assert.Equal(10_000, other.Node.EntryAt(2).Command.Length);
        Assert.Equal(state, other.Node.EncodeState());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_vote_and_new_entries_are_persisted_before_the_server_answers()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 1, prevIndex: 0, prevTerm: 0, [1, 1]));
        var saved = rig.Storage.Saves;
        Assert.True(rig.Take<AppendEntriesReply>().Single().Success);
        var copy = new SingleServerRig();
        copy.Node.DecodeState(rig.Storage.ReadState()!);
        Assert.Equal(2, copy.Node.LastLogIndex); // what the reply promised is on "disk"
        Assert.True(saved > 0);
    }
}
