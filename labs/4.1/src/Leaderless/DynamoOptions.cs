namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>How the leaderless store replicates. Times are virtual microseconds.</summary>
public sealed record DynamoOptions
{
    public int Nodes { get; init; } = 6;
    public int VirtualNodes { get; init; } = 16;

    /// <summary>Replicas per key.</summary>
    public int N { get; init; } = 3;

    /// <summary>Replies a read waits for.</summary>
    public int R { get; init; } = 1;

    /// <summary>Acknowledgements a write waits for.</summary>
    public int W { get; init; } = 1;

    /// <summary>Writes and reads meant for a failed replica go to the next healthy node on the ring (with a hint).</summary>
    public bool SloppyQuorum { get; init; } = true;

    public bool ReadRepair { get; init; } = true;
    public bool HintedHandoff { get; init; } = true;
    public long HandoffInterval { get; init; } = 50_000;
    public long RequestTimeout { get; init; } = 100_000;

    /// <summary>Message delay: a floor plus an exponential part, and now and then a slow replica (a GC pause, a busy disk).</summary>
    public long MinDelay { get; init; } = 200;
    public long MeanExtraDelay { get; init; } = 1_000;
    public double SlowChance { get; init; } = 0.1;
    public long SlowDelayMax { get; init; } = 30_000;

    /// <summary>How replicas order versions: last writer wins, or vector clocks with siblings.</summary>
    public VersioningMode Versioning { get; init; } = VersioningMode.LastWriterWins;

    /// <summary>Each node's clock offset in µs (missing nodes: 0); a coordinator stamps writes with its own clock.</summary>
    public IReadOnlyList<long> ClockSkew { get; init; } = [];

    /// <summary>A planted mistake, for the tests that show the store's checks catch it.</summary>
    public LeaderlessBug Bug { get; init; }

    public string Label => $"N={N} R={R} W={W}";
}
