using StatelessMind.Labs.Consensus.Raft;
using static StatelessMind.Labs.Consensus.Tests.Raft.SingleServerRig;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>Task 1.1.3-3d on one server: InstallSnapshot (§7) replaces the log prefix and moves commit and apply.</summary>
public sealed class RaftNodeSnapshotTests
{
    [Fact]
    [Goal("1.1.3-3")]
    public void A_snapshot_beyond_the_log_replaces_it_and_is_handed_to_the_service()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 1, prevIndex: 0, prevTerm: 0, [1, 1]));
        rig.Deliver(new InstallSnapshotArgs(1, 0, 2, LastIncludedIndex: 10, LastIncludedTerm: 2, Data: [42]));
        Assert.Equal((10, 2, 10, 10, 10), (rig.Node.BaseIndex, rig.Node.BaseTerm, rig.Node.LastLogIndex, rig.Node.CommitIndex, rig.Node.LastApplied));
        var msg = Assert.Single(rig.Applied, a => a.SnapshotValid);
        Assert.Equal(10, msg.SnapshotIndex);
        Assert.Equal(new byte[] { 42 }, msg.Snapshot);
        Assert.Equal(new byte[] { 42 }, rig.Storage.ReadSnapshot());
        Assert.Equal(10, rig.Take<InstallSnapshotReply>().Single().LastIncludedIndex);
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_snapshot_ending_on_an_entry_the_log_holds_keeps_the_entries_after_it()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 2, prevIndex: 0, prevTerm: 0, [1, 1, 2, 2]));
        rig.Deliver(new InstallSnapshotArgs(1, 0, 2, LastIncludedIndex: 2, LastIncludedTerm: 1, Data: [7]));
        Assert.Equal(2, rig.Node.BaseIndex);
        Assert.Equal([2, 2], rig.LogTerms());
        Assert.Equal(new byte[] { 4, 2 }, rig.Node.EntryAt(4).Command);
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_snapshot_ending_on_a_different_entry_discards_the_whole_log()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 2, prevIndex: 0, prevTerm: 0, [1, 1, 2, 2]));
        rig.Deliver(new InstallSnapshotArgs(1, 0, 3, LastIncludedIndex: 2, LastIncludedTerm: 3, Data: [7]));
        Assert.Equal((2, 3), (rig.Node.BaseIndex, rig.Node.BaseTerm));
        Assert.Empty(rig.LogTerms());
    }

    [Fact]
    [Goal("1.1.3-3")]
    public void A_snapshot_that_is_not_ahead_of_the_commit_index_changes_nothing()
    {
        var rig = new SingleServerRig();
        rig.Deliver(AppendFrom1(term: 1, prevIndex: 0, prevTerm: 0, [1, 1, 1], leaderCommit: 3));
        rig.Applied.Clear();
        rig.Deliver(new InstallSnapshotArgs(1, 0, 1, LastIncludedIndex: 2, LastIncludedTerm: 1, Data: [7]));
        Assert.Equal((0, 3), (rig.Node.BaseIndex, rig.Node.LastLogIndex));
        Assert.Empty(rig.Applied);
        Assert.Null(rig.Storage.ReadSnapshot());
    }
}
