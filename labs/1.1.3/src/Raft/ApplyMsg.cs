namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>What a Raft server hands its service, in log order: a committed command, or a snapshot to install.</summary>
public sealed record ApplyMsg
{
    public bool CommandValid { get; init; }
    public byte[] Command { get; init; } = [];
    public int CommandIndex { get; init; }
    public int CommandTerm { get; init; }

    public bool SnapshotValid { get; init; }
    public byte[] Snapshot { get; init; } = [];
    public int SnapshotIndex { get; init; }
    public int SnapshotTerm { get; init; }
}
