namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>RequestVote RPC (Raft §5.2, §5.4.1).</summary>
public sealed record RequestVoteArgs(int From, int To, int Term, int LastLogIndex, int LastLogTerm) : RaftMessage(From, To, Term)
{
    public override int SizeInBytes => 16;
    public override bool IsRaftRequest => true;
    public override int Kind => 1;
}
