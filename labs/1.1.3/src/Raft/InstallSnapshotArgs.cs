namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>InstallSnapshot RPC (§7), sent whole (no chunking).</summary>
public sealed record InstallSnapshotArgs(int From, int To, int Term, int LastIncludedIndex, int LastIncludedTerm, byte[] Data)
    : RaftMessage(From, To, Term)
{
    public override int SizeInBytes => 16 + Data.Length;
    public override bool IsRaftRequest => true;
    public override int Kind => 5;
}
