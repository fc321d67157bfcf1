namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>A segment in the archive is damaged: a page header or a record fails its checks (CRC-32C, back-link, length).</summary>
public sealed class WalSegmentCorruptException(string segment, string path, ulong lsn, long offsetInFile, string detail)
    : WalArchiveException(segment, $"WAL segment {segment} ({path}) is corrupt at {Lsn.Format(lsn)} (byte {offsetInFile} of the file): {detail}. " +
                                   "Recovery would stop there; replace the segment from another copy of the archive, or choose a target before it.")
{
    public string FilePath { get; } = path;
    public ulong Position { get; } = lsn;
}
