namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// A stored record fails its CRC-32C on every read: the bytes on disk are damaged (at-rest corruption).
/// Permanent: the record must be restored from a replica or backup.
/// </summary>
public sealed class ChecksumMismatchException(string path, long offset, uint stored, uint computed, int reads)
    : IOException($"Corrupt record in {path} at offset {offset}: stored CRC-32C 0x{stored:X8}, computed 0x{computed:X8} " +
                  $"on each of {reads} reads. The record is damaged at rest; restore it from a replica or backup.")
{
    public string FilePath { get; } = path;
    public long Offset { get; } = offset;
    public uint StoredCrc { get; } = stored;
    public uint ComputedCrc { get; } = computed;
}
