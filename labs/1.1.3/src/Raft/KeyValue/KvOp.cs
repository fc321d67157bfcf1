namespace StatelessMind.Labs.Consensus.Raft.KeyValue;

public enum KvOp : byte
{
    Get,
    Put,
    Append,
}
