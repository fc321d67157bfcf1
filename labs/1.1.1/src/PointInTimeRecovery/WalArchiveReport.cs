namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>What a verification of the archive walked: segments, pages and records, all of which passed.</summary>
public sealed record WalArchiveReport(string FirstSegment, string LastSegment, int Segments, long Pages, long Records, ulong LastRecordLsn);
