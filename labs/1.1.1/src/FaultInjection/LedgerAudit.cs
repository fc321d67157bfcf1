using System.Buffers.Binary;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// What the durable log holds after a run, read back without faults: how many deposits, which keys
/// were stored more than once (a write applied twice), and which acknowledged deposits are missing.
/// </summary>
public sealed record LedgerAudit(int StoredDeposits, IReadOnlyList<string> DuplicateKeys, IReadOnlyList<string> MissingAcknowledged, long StoredTotal)
{
    public bool Holds => DuplicateKeys.Count == 0 && MissingAcknowledged.Count == 0;

    /// <summary>
    /// Reads the ledger's data file from the start, record by record, up to the end or the first torn record (which the
    /// next start will quarantine), and checks it against the deposits the clients saw acknowledged.
    /// </summary>
    public static LedgerAudit Read(string dataPath, IEnumerable<DepositRequest> acknowledged)
    {
        ArgumentNullException.ThrowIfNull(acknowledged);
        byte[] bytes;
        using (var file = new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        long total = 0;
        for (var offset = 0; offset + ChecksummedRecordLog.HeaderSize <= bytes.Length;)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset)) != ChecksummedRecordLog.Magic || size < 0
                || offset + ChecksummedRecordLog.HeaderSize + size > bytes.Length)
                break; // a torn tail the next restart will quarantine
            var entry = LedgerEntry.Decode(bytes.AsSpan(offset + ChecksummedRecordLog.HeaderSize, size), offset);
            counts[entry.IdempotencyKey] = counts.GetValueOrDefault(entry.IdempotencyKey) + 1;
            total += entry.Amount;
            offset += ChecksummedRecordLog.HeaderSize + size;
        }
        var duplicates = counts.Where(c => c.Value > 1).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        var missing = acknowledged.Select(a => a.IdempotencyKey).Where(k => !counts.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        return new LedgerAudit(counts.Values.Sum(), duplicates, missing, total);
    }
}
