namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>Anything the simulated network carries between endpoints (servers and clients).</summary>
public abstract record SimMessage(int From, int To)
{
    /// <summary>The encoded size, for the byte budgets of the scenarios.</summary>
    public abstract int SizeInBytes { get; }

    /// <summary>True for the requests of Raft's three RPCs (what the RPC-count budgets count).</summary>
    public virtual bool IsRaftRequest => false;

    /// <summary>A small number naming the message kind, mixed into the simulation's trace.</summary>
    public abstract int Kind { get; }
}
