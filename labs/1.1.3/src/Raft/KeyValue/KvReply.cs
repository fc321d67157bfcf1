namespace StatelessMind.Labs.Consensus.Raft.KeyValue;

/// <summary>The server's answer: done (with the value a Get read), or "not the leader, try another".</summary>
public sealed record KvReply(int From, int To, long Seq, bool WrongLeader, string Value) : SimMessage(From, To)
{
    public override int SizeInBytes => 10 + Value.Length;
    public override int Kind => 11;
}
