using System.Buffers.Binary;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// Replays a write-ahead log (format in <see cref="WriteAheadLog"/>) and tells a torn tail from corruption.
/// A crash in the middle of an append can leave only the end of the file damaged: bytes after the last write
/// that completed (and, in <see cref="WalSyncMode.Fsync"/>, after the last fsync, since fsynced bytes survive).
/// So a bad record (header or payload failing its checksum, a length past the end, a cut header) is a torn tail
/// only when no valid record follows it anywhere in the file; the tail is then cut off. A bad record with a valid
/// one after it is damage inside the log: <see cref="CorruptionException"/> with the file and the record's offset,
/// and nothing is truncated. The log does not record the offset of its last fsync, so a bad last record is taken for
/// a torn tail even where an fsync had covered it.
/// </summary>
internal static class WalReplay
{
    /// <summary>Applies every record's operations in order: (sequence number, key, kind, value).</summary>
    public static WalRecovery Recover(IFileSystem files, string path, Action<long, byte[], ValueKind, byte[]> apply, StorageBug bug = StorageBug.None)
    {
        var data = files.ReadAllBytes(path);
        var offset = 0;
        var records = 0;
        long lastSequence = 0;
        while (offset < data.Length)
        {
            if (bug == StorageBug.WalHeaderUnchecked)
            {
                // Planted defect: the length is trusted without the header checksum, and a length past the end is taken for a torn write.
                if (data.Length - offset < WriteAheadLog.HeaderBytes) break;
                var length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
                if (length > data.Length - offset - WriteAheadLog.HeaderBytes) break;
            }
            var problem = Check(data, offset, out var end);
            if (problem is not null)
            {
                var next = FindValidRecord(data, offset + 1);
                if (next >= 0)
                    throw new CorruptionException(path, offset, $"WAL record: {problem}; a valid record follows at offset {next}, so this is damage inside the log, not a torn tail");
                break; // a torn tail: nothing valid after it
            }
            lastSequence = Replay(path, offset, data.AsSpan(offset + WriteAheadLog.HeaderBytes, end - offset - WriteAheadLog.HeaderBytes), apply);
            records++;
            offset = end;
        }
        var truncated = data.Length - offset;
        if (truncated > 0) files.Truncate(path, offset);
        return new WalRecovery(path, records, offset, truncated, lastSequence);
    }

    /// <summary>Null when a complete, valid record starts at <paramref name="offset"/> (ending at <paramref name="end"/>),
    /// else what is wrong with it.</summary>
    internal static string? Check(ReadOnlySpan<byte> data, int offset, out int end)
    {
        end = offset;
        var remaining = data.Length - offset;
        if (remaining < WriteAheadLog.HeaderBytes) return $"header cut short ({remaining} of {WriteAheadLog.HeaderBytes} bytes)";
        var header = data.Slice(offset, WriteAheadLog.HeaderBytes);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != Crc32C.Compute(header[..8])) return "header fails its CRC-32C";
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length < WriteAheadLog.BatchHeaderBytes) return $"payload length {length} is below the batch header's {WriteAheadLog.BatchHeaderBytes} bytes";
        if (length > remaining - WriteAheadLog.HeaderBytes) return $"payload of {length} bytes runs past the end of the file ({remaining - WriteAheadLog.HeaderBytes} bytes left)";
        var payload = data.Slice(offset + WriteAheadLog.HeaderBytes, (int)length);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != Crc32C.Compute(payload)) return $"payload of {length} bytes fails its CRC-32C";
        end = offset + WriteAheadLog.HeaderBytes + (int)length;
        return null;
    }

    /// <summary>The offset of the first valid record at or after <paramref name="from"/>, or -1. (A value that itself
    /// contains a well-formed record could be mistaken for one; the checksums make that an accident only on purpose.)</summary>
    private static int FindValidRecord(byte[] data, int from)
    {
        for (var p = from; p + WriteAheadLog.HeaderBytes <= data.Length; p++)
        {
            var header = data.AsSpan(p, WriteAheadLog.HeaderBytes);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != Crc32C.Compute(header[..8])) continue;
            if (Check(data, p, out _) is null) return p;
        }
        return -1;
    }

    private static long Replay(string path, int recordOffset, ReadOnlySpan<byte> payload, Action<long, byte[], ValueKind, byte[]> apply)
    {
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(payload);
        var count = BinaryPrimitives.ReadInt32LittleEndian(payload[8..]);
        if (sequence < 0 || count < 0) throw new CorruptionException(path, recordOffset, $"WAL record passed its CRC but has sequence {sequence} and {count} operations");
        var p = WriteAheadLog.BatchHeaderBytes;
        for (var i = 0; i < count; i++, sequence++)
        {
            if (p >= payload.Length) throw Malformed(path, recordOffset, p, $"ends after {i} of {count} operations");
            var kind = payload[p++];
            var keyLength = Varint.Read(payload, ref p);
            if (kind > (byte)ValueKind.Value) throw Malformed(path, recordOffset, p - 1, $"has operation kind {kind}");
            if (keyLength < 0 || keyLength > payload.Length - p) throw Malformed(path, recordOffset, p, "has a key running past the record");
            var key = payload.Slice(p, (int)keyLength).ToArray();
            p += (int)keyLength;
            byte[] value = [];
            if (kind == (byte)ValueKind.Value)
            {
                var valueLength = Varint.Read(payload, ref p);
                if (valueLength < 0 || valueLength > payload.Length - p) throw Malformed(path, recordOffset, p, "has a value running past the record");
                value = payload.Slice(p, (int)valueLength).ToArray();
                p += (int)valueLength;
            }
            apply(sequence, key, (ValueKind)kind, value);
        }
        if (p != payload.Length) throw Malformed(path, recordOffset, p, $"has {payload.Length - p} bytes after its {count} operations");
        return sequence - 1;
    }

    private static CorruptionException Malformed(string path, int recordOffset, int payloadOffset, string problem) =>
        new(path, recordOffset, $"WAL record passed its CRC but {problem} (payload byte {payloadOffset})");
}
