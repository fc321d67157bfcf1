namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>One restore of the experiment: the target, the transactions it must hold, the ones it holds, and how long it took.</summary>
public sealed record RestoreOutcome(string Description, RecoveryTarget Target, IReadOnlyList<int> Expected, IReadOnlyList<int>? Restored, TimeSpan Duration, int SegmentsRestored)
{
    /// <summary>Exactly the transactions committed before the target, and none after.</summary>
    public bool Exact => Restored is not null && Restored.SequenceEqual(Expected);
}
