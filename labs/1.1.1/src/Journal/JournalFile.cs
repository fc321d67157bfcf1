using System.Buffers.Binary;
using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>
/// Reads the C program's files with C# code of its own (the same format, written down twice), so a
/// test does not take the program's word for what it recovered:
/// journal.dat = records of <c>u32 magic | u32 length | u64 seq | u32 crc32c(length ‖ seq ‖ payload) | payload</c>;
/// checkpoint = <c>u32 magic | u32 version | u64 seq | u64 offset | i64 state | u32 crc32c</c>.
/// </summary>
public static class JournalFile
{
    public const uint RecordMagic = 0x4C4E524Au;
    public const uint CheckpointMagic = 0x54504B43u;
    public const int HeaderSize = 20;

    public static JournalFileReport Verify(string journalPath)
    {
        var bytes = File.ReadAllBytes(journalPath);
        long offset = 0, records = 0, lastSeq = 0, state = 0;
        string? problem = null;
        while (offset < bytes.Length)
        {
            var rest = bytes.AsSpan((int)offset);
            if (rest.Length < HeaderSize) { problem = $"{rest.Length} stray bytes at offset {offset} (a torn header)"; break; }
            if (BinaryPrimitives.ReadUInt32LittleEndian(rest) != RecordMagic) { problem = $"bad magic at offset {offset}"; break; }
            var length = BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]);
            if (length < 8 || length > rest.Length - HeaderSize) { problem = $"length {length} at offset {offset} does not fit the file"; break; }
            var crc = Crc32C.Append(Crc32C.Compute(rest.Slice(4, 12)), rest.Slice(HeaderSize, (int)length));
            if (crc != BinaryPrimitives.ReadUInt32LittleEndian(rest[16..])) { problem = $"CRC-32C mismatch at offset {offset}"; break; }
            var seq = (long)BinaryPrimitives.ReadUInt64LittleEndian(rest[8..]);
            if (seq != lastSeq + 1) { problem = $"seq {seq} at offset {offset} follows seq {lastSeq}"; break; }
            state += BinaryPrimitives.ReadInt64LittleEndian(rest[HeaderSize..]);
            lastSeq = seq;
            records++;
            offset += HeaderSize + length;
        }
        return new JournalFileReport(records, lastSeq, state, offset, bytes.Length, problem);
    }

    /// <summary>Reads dir/checkpoint; null when there is none. A damaged one is an error naming the file.</summary>
    public static JournalCheckpoint? ReadCheckpoint(string directory)
    {
        var path = Path.Combine(directory, "checkpoint");
        if (!File.Exists(path)) return null;
        var b = File.ReadAllBytes(path);
        if (b.Length != 36 || BinaryPrimitives.ReadUInt32LittleEndian(b) != CheckpointMagic || BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)) != 1
            || BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(32)) != Crc32C.Compute(b.AsSpan(0, 32)))
            throw new InvalidDataException($"{path} is not a valid checkpoint ({b.Length} bytes; expected 36 with magic CKPT, version 1 and a matching CRC-32C).");
        return new JournalCheckpoint((long)BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(8)), (long)BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(16)),
            BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(24)));
    }
}
