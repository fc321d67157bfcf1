using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>Timing and batching of a Raft server, in virtual microseconds.</summary>
public sealed record RaftOptions
{
    /// <summary>The leader's heartbeat period: 10 per second, the classic lab's limit.</summary>
    public long HeartbeatInterval { get; init; } = 100 * Simulator.Millisecond;

    public long ElectionTimeoutMin { get; init; } = 300 * Simulator.Millisecond;
    public long ElectionTimeoutMax { get; init; } = 600 * Simulator.Millisecond;

    /// <summary>How long a leader waits after Start before replicating, so that a burst of commands travels in one RPC.</summary>
    public long BatchDelay { get; init; } = Simulator.Millisecond;

    /// <summary>At most this many entries per AppendEntries.</summary>
    public int MaxEntriesPerRpc { get; init; } = 256;

    public ProtocolBug Bug { get; init; } = ProtocolBug.None;
}
