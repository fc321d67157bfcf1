namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>
/// PostgreSQL itself stopped the restore (the server exited during recovery): carries the segment the log
/// points at — the one after the last restored file, or the one holding the bad record — and the log's tail.
/// </summary>
public sealed class RecoveryFailedException(string? segment, string reason, string logTail)
    : Exception($"Point-in-time recovery failed{(segment is null ? "" : $" at WAL segment {segment}")}: {reason}\n--- server log ---\n{logTail}")
{
    public string? Segment { get; } = segment;
    public string Reason { get; } = reason;
}
