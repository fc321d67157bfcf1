namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>The whole drill: every kill point, the final verifying recovery, and an independent reading of the journal.</summary>
public sealed record CrashDrillResult(IReadOnlyList<KillPoint> Points, long MaxAckedSeq, RecoveryReport FinalRecovery, JournalFileReport File)
{
    /// <summary>Kill points after which the next recovery came back with fewer records than were acknowledged.</summary>
    public IReadOnlyList<KillPoint> PointsThatLostAcknowledged =>
        Points.Where(p => p.NextRecovery is { } r && r.LastSeq < p.AckedSeq).ToList();

    public bool NoAcknowledgedRecordLost => PointsThatLostAcknowledged.Count == 0 && FinalRecovery.LastSeq >= MaxAckedSeq && File.LastSeq >= MaxAckedSeq;

    /// <summary>The journal holds only valid records, and the program's state matches an independent replay.</summary>
    public bool NoCorruptRecordLeft => File.IsClean && File.LastSeq == FinalRecovery.LastSeq && File.State == FinalRecovery.State;
}
