namespace StatelessMind.Labs.Consensus.Raft;

public sealed record RequestVoteReply(int From, int To, int Term, bool VoteGranted) : RaftMessage(From, To, Term)
{
    public override int SizeInBytes => 5;
    public override int Kind => 2;
}
