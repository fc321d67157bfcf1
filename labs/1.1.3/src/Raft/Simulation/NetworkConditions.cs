namespace StatelessMind.Labs.Consensus.Raft.Simulation;

/// <summary>How the simulated network treats each message. Delays are in virtual microseconds.</summary>
public sealed record NetworkConditions
{
    public double DropRate { get; init; }
    public double DuplicateRate { get; init; }
    public long MinDelay { get; init; } = 500;
    public long MaxDelay { get; init; } = 2 * Simulator.Millisecond;

    /// <summary>When set, a fifth of the messages take 200 ms to 2.2 s (heavy reordering).</summary>
    public bool LongReordering { get; init; }

    /// <summary>Sub-millisecond to 2 ms delays, nothing lost or duplicated.</summary>
    public static NetworkConditions Reliable { get; } = new();

    /// <summary>The unreliable network of the classic lab: 10% loss, delays up to 27 ms; plus 2% duplicates.</summary>
    public static NetworkConditions Unreliable { get; } = new()
    {
        DropRate = 0.1, DuplicateRate = 0.02, MinDelay = 0, MaxDelay = 27 * Simulator.Millisecond,
    };
}
