using System.Buffers.Binary;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// The write-ahead log of one memtable. A record is <c>[u32 length][u32 crc32c][payload]</c>; a payload
/// holds one writer's operations: <c>[u8 kind][varint key length][key][varint value length][value]</c>
/// (kind 1 = put, 0 = delete). The writer leader of <see cref="LsmTree"/> appends the records of a whole
/// group of writers with one write(2) and, in <see cref="WalSyncMode.Fsync"/>, one fsync: group commit.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    public const int HeaderBytes = 8;
    private readonly FileStream _file;

    private WriteAheadLog(string path, long number, FileStream file)
    {
        Path = path;
        Number = number;
        _file = file;
    }

    public string Path { get; }
    public long Number { get; }
    public long BytesWritten { get; private set; }
    public long Syncs { get; private set; }

    public static WriteAheadLog Create(string path, long number) =>
        // bufferSize 0: every Append is one write(2) straight to the OS, nothing waits in a user-space buffer.
        new(path, number, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0));

    /// <summary>Appends already framed records and, when asked, makes them durable.</summary>
    public void Append(ReadOnlySpan<byte> records, bool sync)
    {
        _file.Write(records);
        BytesWritten += records.Length;
        if (sync)
        {
            _file.Flush(flushToDisk: true);
            Syncs++;
        }
    }

    public void Sync()
    {
        _file.Flush(flushToDisk: true);
        Syncs++;
    }

    /// <summary>Frames one writer's operations as a record and appends it to <paramref name="buffer"/>.</summary>
    public static void EncodeRecord(ByteBuffer buffer, IReadOnlyList<(byte[] Key, byte[]? Value)> operations)
    {
        var start = buffer.Length;
        buffer.Reserve(HeaderBytes);
        foreach (var (key, value) in operations)
        {
            buffer.Add((byte)(value is null ? 0 : 1));
            buffer.AddVarint((uint)key.Length);
            buffer.Add(key);
            if (value is null) continue;
            buffer.AddVarint((uint)value.Length);
            buffer.Add(value);
        }
        var payload = buffer.Span(start + HeaderBytes, buffer.Length - start - HeaderBytes);
        var header = buffer.Span(start, HeaderBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32C.Compute(payload));
    }

    /// <summary>
    /// Replays a log into <paramref name="apply"/>. A torn tail (a last record cut short or with a bad
    /// checksum, as a crash in the middle of a write leaves it) is cut off and the file truncated there;
    /// a bad record followed by more data is corruption and throws.
    /// </summary>
    public static WalRecovery Recover(string path, Action<byte[], byte[]?> apply)
    {
        var data = File.ReadAllBytes(path);
        var offset = 0;
        var records = 0;
        while (offset < data.Length)
        {
            var remaining = data.Length - offset;
            if (remaining < HeaderBytes) break; // torn header
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 4));
            if (length > remaining - HeaderBytes) break; // torn payload
            var payload = data.AsSpan(offset + HeaderBytes, (int)length);
            var end = offset + HeaderBytes + (int)length;
            if (Crc32C.Compute(payload) != crc || (length == 0 && crc == 0))
            {
                if (end == data.Length || data.AsSpan(offset).IndexOfAnyExcept((byte)0) < 0) break; // the last record, or zero fill: torn
                throw new CorruptionException(path, offset, $"WAL record of {length} bytes fails its CRC-32C and is followed by {data.Length - end} more bytes");
            }
            Replay(path, offset, payload, apply);
            records++;
            offset = end;
        }
        var truncated = data.Length - offset;
        if (truncated > 0)
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
            f.SetLength(offset);
            f.Flush(flushToDisk: true);
        }
        return new WalRecovery(path, records, offset, truncated);
    }

    private static void Replay(string path, int recordOffset, ReadOnlySpan<byte> payload, Action<byte[], byte[]?> apply)
    {
        var p = 0;
        while (p < payload.Length)
        {
            var kind = payload[p++];
            var keyLength = Varint.Read(payload, ref p);
            if (kind > 1 || keyLength < 0 || keyLength > payload.Length - p)
                throw new CorruptionException(path, recordOffset, $"WAL record passed its CRC but its operation at payload byte {p} is malformed");
            var key = payload.Slice(p, (int)keyLength).ToArray();
            p += (int)keyLength;
            byte[]? value = null;
            if (kind == 1)
            {
                var valueLength = Varint.Read(payload, ref p);
                if (valueLength < 0 || valueLength > payload.Length - p)
                    throw new CorruptionException(path, recordOffset, $"WAL record passed its CRC but its value at payload byte {p} is malformed");
                value = payload.Slice(p, (int)valueLength).ToArray();
                p += (int)valueLength;
            }
            apply(key, value);
        }
    }

    public void Dispose() => _file.Dispose();
}
