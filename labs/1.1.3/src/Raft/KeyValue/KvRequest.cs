namespace StatelessMind.Labs.Consensus.Raft.KeyValue;

/// <summary>A client's request to a key-value server.</summary>
public sealed record KvRequest(int From, int To, KvCommand Command) : SimMessage(From, To)
{
    public override int SizeInBytes => 16 + Command.Key.Length + Command.Value.Length;
    public override int Kind => 10;
}
