using System.Buffers.Binary;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// The write-ahead log of one memtable: a sequence of records, each one writer's batch.
/// <code>
/// record  = header payload
/// header  = u32 payload length | u32 CRC-32C of the payload | u32 CRC-32C of the 8 header bytes before it
/// payload = u64 sequence number of the first operation | u32 operation count | operation…
/// operation = u8 kind (0 deletion, 1 value) | varint key length | key | [kind 1: varint value length | value]
/// </code>
/// The header has its own checksum, so a damaged length is detected before it is used. The writer leader of
/// <see cref="LsmTree"/> appends the records of a whole group of writers with one write(2) and, in
/// <see cref="WalSyncMode.Fsync"/>, one fsync: group commit. Replay is <see cref="WalReplay"/>.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    public const int HeaderBytes = 12;
    public const int BatchHeaderBytes = 12;
    private readonly IWritableFile _file;

    private WriteAheadLog(long number, IWritableFile file)
    {
        Number = number;
        _file = file;
    }

    public string Path => _file.Path;
    public long Number { get; }
    public long BytesWritten => _file.Length;

    /// <summary>Creates the log unbuffered: every append is one write(2) straight to the OS, nothing waits in a user-space buffer.</summary>
    public static WriteAheadLog Create(IFileSystem files, string path, long number) => new(number, files.Create(path, buffered: false));

    /// <summary>Appends already framed records and, when asked, makes them durable.</summary>
    public void Append(ReadOnlySpan<byte> records, bool sync)
    {
        _file.Append(records);
        if (sync) _file.Sync();
    }

    public void Sync() => _file.Sync();

    /// <summary>Frames one batch as a record and appends it to <paramref name="buffer"/>.</summary>
    public static void EncodeRecord(ByteBuffer buffer, long firstSequence, IReadOnlyList<WriteOperation> operations)
    {
        var start = buffer.Length;
        buffer.Reserve(HeaderBytes + BatchHeaderBytes);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.Span(start + HeaderBytes, 8), firstSequence);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.Span(start + HeaderBytes + 8, 4), operations.Count);
        foreach (var op in operations)
        {
            buffer.Add((byte)op.Kind);
            buffer.AddVarint((uint)op.Key.Length);
            buffer.Add(op.Key);
            if (op.Kind == ValueKind.Deletion) continue;
            buffer.AddVarint((uint)op.Value.Length);
            buffer.Add(op.Value);
        }
        var payload = buffer.Span(start + HeaderBytes, buffer.Length - start - HeaderBytes);
        var header = buffer.Span(start, HeaderBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32C.Compute(payload));
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Compute(header[..8]));
    }

    public void Dispose() => _file.Dispose();
}
