namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>A segment the restore needs is not in the archive (PostgreSQL would take the gap for the end of WAL).</summary>
public sealed class WalSegmentMissingException(string segment, string archive, string detail)
    : WalArchiveException(segment, $"WAL segment {segment} is missing from the archive {archive}: {detail}. " +
                                   "Recovery cannot pass it; restore the file into the archive, or choose a target before it.")
{
    public string Archive { get; } = archive;
}
