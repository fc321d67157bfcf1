namespace StatelessMind.Labs.Consensus.Raft.KeyValue;

/// <summary>
/// One client operation in a history: what was asked, what came back, and when (virtual µs). An
/// operation that never returned has <see cref="Return"/> = <see cref="long.MaxValue"/>: it may have
/// taken effect at any time after its call, or not at all.
/// </summary>
public sealed record Operation(int ClientId, KvOp Op, string Key, string Value, string Output, long Call, long Return)
{
    public bool Returned => Return != long.MaxValue;
}
