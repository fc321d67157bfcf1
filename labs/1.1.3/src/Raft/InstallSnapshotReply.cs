namespace StatelessMind.Labs.Consensus.Raft;

public sealed record InstallSnapshotReply(int From, int To, int Term, int LastIncludedIndex) : RaftMessage(From, To, Term)
{
    public override int SizeInBytes => 8;
    public override int Kind => 6;
}
