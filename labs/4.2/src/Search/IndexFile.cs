using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// The index on disk, in one file:
/// <code>
/// "SMIX" | version (u16 LE) | body length (u32 LE) | body | CRC-32 of everything before it (u32 LE)
/// body = documents (varbyte) { name length, UTF-8 name, token count } terms (varbyte) { term length, UTF-8 term, postings length, postings bytes }
/// </code>
/// Reading checks the magic, version and length first (so a cut-off file says Truncated), then the checksum, then parses.
/// </summary>
public static class IndexFile
{
    public const ushort Version = 1;
    private static readonly byte[] Magic = "SMIX"u8.ToArray();
    private const int HeaderBytes = 10;
    private const int TrailerBytes = 4;

    public static void Write(InvertedIndex index, string path)
    {
        ArgumentNullException.ThrowIfNull(index);
        File.WriteAllBytes(path, ToBytes(index));
    }

    public static InvertedIndex Read(string path) => FromBytes(File.ReadAllBytes(path), path);

    public static byte[] ToBytes(InvertedIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var body = new List<byte>();
        VarByte.Write(body, index.DocumentCount);
        for (var doc = 0; doc < index.DocumentCount; doc++)
        {
            WriteString(body, index.DocumentNames[doc]);
            VarByte.Write(body, index.Lengths[doc]);
        }
        VarByte.Write(body, index.TermCount);
        foreach (var (term, postings) in index.EncodedLists)
        {
            WriteString(body, term);
            VarByte.Write(body, postings.Length);
            body.AddRange(postings);
        }
        var file = new byte[HeaderBytes + body.Count + TrailerBytes];
        Magic.CopyTo(file, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(6), (uint)body.Count);
        body.CopyTo(file, HeaderBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(HeaderBytes + body.Count), Crc32.HashToUInt32(file.AsSpan(0, HeaderBytes + body.Count)));
        return file;
    }

    /// <exception cref="IndexFormatException">The bytes are not a whole, intact index file; the problem says why.</exception>
    public static InvertedIndex FromBytes(byte[] file, string name)
    {
        ArgumentNullException.ThrowIfNull(file);
        var bodyLength = 0;
        #region Exercise 4.2-1e: validate the frame: magic, version, length against the file's size, then the checksum (tests: IndexFileTests, ExperimentTests.The_search_experiment_holds_at_small_scale)
        if (file.Length < Magic.Length || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new IndexFormatException(name, file.Length < Magic.Length ? IndexFileProblem.Truncated : IndexFileProblem.NotAnIndex, 0,
                $"expected the magic bytes \"SMIX\" in a file of {file.Length} bytes");
        if (file.Length < HeaderBytes)
            throw new IndexFormatException(name, IndexFileProblem.Truncated, file.Length, $"the header needs {HeaderBytes} bytes, the file has {file.Length}");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(4));
        if (version != Version)
            throw new IndexFormatException(name, IndexFileProblem.UnsupportedVersion, 4, $"format version {version}, this reader reads version {Version}");
        var declared = (long)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(6));
        var expected = HeaderBytes + declared + TrailerBytes;
        if (file.Length < expected)
            throw new IndexFormatException(name, IndexFileProblem.Truncated, file.Length, $"the header announces {expected} bytes, the file has {file.Length}");
        if (file.Length > expected)
            throw new IndexFormatException(name, IndexFileProblem.TrailingBytes, expected, $"the header announces {expected} bytes, the file has {file.Length}");
        bodyLength = (int)declared;
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(HeaderBytes + bodyLength));
        var actual = Crc32.HashToUInt32(file.AsSpan(0, HeaderBytes + bodyLength));
        if (stored != actual)
            throw new IndexFormatException(name, IndexFileProblem.ChecksumMismatch, HeaderBytes + bodyLength, $"stored CRC-32 {stored:x8}, contents hash to {actual:x8}");
        #endregion
        try
        {
            return ParseBody(file.AsSpan(HeaderBytes, bodyLength));
        }
        catch (FormatException e)
        {
            throw new IndexFormatException(name, IndexFileProblem.Malformed, HeaderBytes, e.Message);
        }
    }

    private static InvertedIndex ParseBody(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        var documents = VarByte.Read(body, ref offset);
        var names = new string[documents];
        var lengths = new int[documents];
        for (var doc = 0; doc < documents; doc++)
        {
            names[doc] = ReadString(body, ref offset);
            lengths[doc] = VarByte.Read(body, ref offset);
        }
        var terms = VarByte.Read(body, ref offset);
        var postings = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < terms; i++)
        {
            var term = ReadString(body, ref offset);
            var bytes = Take(body, ref offset, VarByte.Read(body, ref offset));
            PostingsCodec.Decode(bytes); // a list that does not decode is caught here, not at the first query
            if (!postings.TryAdd(term, bytes.ToArray())) throw new FormatException($"the term \"{term}\" appears twice");
        }
        if (offset != body.Length) throw new FormatException($"the body ends at {offset} of {body.Length} bytes");
        return InvertedIndex.FromParts(names, lengths, postings);
    }

    private static void WriteString(List<byte> output, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        VarByte.Write(output, bytes.Length);
        output.AddRange(bytes);
    }

    private static string ReadString(ReadOnlySpan<byte> body, ref int offset) => Encoding.UTF8.GetString(Take(body, ref offset, VarByte.Read(body, ref offset)));

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> body, ref int offset, int count)
    {
        if (count > body.Length - offset) throw new FormatException($"{count} bytes announced at offset {offset}, {body.Length - offset} left");
        var span = body.Slice(offset, count);
        offset += count;
        return span;
    }
}
