namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>The PITR workload: how many transactions, how often to switch to a new WAL segment (so the
/// archive holds several), and after which transactions to create named restore points.</summary>
public sealed record PitrSessionOptions
{
    public int Transactions { get; init; } = 80;
    public int SwitchSegmentEvery { get; init; } = 16;
    public IReadOnlyList<int> RestorePointsAfter { get; init; } = [50];
}
