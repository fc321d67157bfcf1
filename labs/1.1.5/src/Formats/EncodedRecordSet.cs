using System.Buffers;
using System.IO.Compression;

namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>
/// A record set encoded one record after another into one buffer (as a log segment or a Kafka batch
/// holds them), with each record's offset, so it can be decoded record by record and its size measured
/// raw and compressed.
/// </summary>
public sealed class EncodedRecordSet
{
    private EncodedRecordSet(byte[] bytes, int[] offsets)
    {
        Bytes = bytes;
        Offsets = offsets;
    }

    public byte[] Bytes { get; }

    /// <summary>Offsets[i] is where record i starts; Offsets[^1] == Bytes.Length.</summary>
    public int[] Offsets { get; }

    public int Count => Offsets.Length - 1;

    public ReadOnlyMemory<byte> Record(int i) => Bytes.AsMemory(Offsets[i], Offsets[i + 1] - Offsets[i]);

    public static EncodedRecordSet Encode<T>(IOrderFormat<T> format, IReadOnlyList<T> records)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(records);
        var buffer = new ArrayBufferWriter<byte>(records.Count * 256);
        var offsets = new int[records.Count + 1];
        for (var i = 0; i < records.Count; i++)
        {
            offsets[i] = buffer.WrittenCount;
            format.Encode(records[i], buffer);
        }
        offsets[^1] = buffer.WrittenCount;
        return new EncodedRecordSet(buffer.WrittenSpan.ToArray(), offsets);
    }

    public List<T> Decode<T>(IOrderFormat<T> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var list = new List<T>(Count);
        for (var i = 0; i < Count; i++) list.Add(format.Decode(Record(i)));
        return list;
    }

    public long GzipSize() => Compressed(s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true));

    public long BrotliSize() => Compressed(s => new BrotliStream(s, CompressionLevel.Optimal, leaveOpen: true));

    private long Compressed(Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var z = compressor(output)) z.Write(Bytes);
        return output.Length;
    }
}
