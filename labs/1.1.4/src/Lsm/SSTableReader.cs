using System.Buffers.Binary;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// An open SSTable: its footer, bloom filter and sparse index in memory, data blocks read on demand with
/// pread and verified against their CRC-32C before any byte is used.
/// </summary>
internal sealed class SSTableReader : IDisposable
{
    private readonly IRandomAccessFile _file;
    private readonly byte[][] _lastKeys;
    private readonly long[] _offsets;
    private readonly int[] _lengths;
    private readonly BloomFilter _bloom;

    private SSTableReader(string path, IRandomAccessFile file, long fileSize, TableFormat.Footer footer, byte[][] lastKeys, long[] offsets, int[] lengths, BloomFilter bloom)
    {
        Path = path;
        _file = file;
        FileSize = fileSize;
        Entries = footer.Entries;
        _lastKeys = lastKeys;
        _offsets = offsets;
        _lengths = lengths;
        _bloom = bloom;
    }

    public string Path { get; }
    public long FileSize { get; }
    public long Entries { get; }
    public int DataBlocks => _offsets.Length;
    public int BloomBytes => _bloom.SizeBytes;

    public static SSTableReader Open(IFileSystem files, string path)
    {
        var handle = files.OpenRandomAccess(path);
        try
        {
            var length = handle.Length;
            if (length < TableFormat.FooterBytes) throw new CorruptionException(path, 0, $"file of {length} bytes is shorter than a footer ({TableFormat.FooterBytes})");
            var footerOffset = length - TableFormat.FooterBytes;
            var footerBytes = new byte[TableFormat.FooterBytes];
            ReadExactly(handle, path, footerBytes, footerOffset);
            var footer = TableFormat.ReadFooter(footerBytes, path, footerOffset, length);
            var bloom = new BloomFilter(ReadChecksummed(handle, path, footer.BloomOffset, footer.BloomLength, "bloom filter")[..footer.BloomLength], path, footer.BloomOffset);
            var index = ReadChecksummed(handle, path, footer.IndexOffset, footer.IndexLength, "index block")[..footer.IndexLength];
            var p = 0;
            var count = Varint.Read(index, ref p);
            if (count != footer.DataBlocks) throw new CorruptionException(path, footer.IndexOffset, $"index lists {count} blocks, footer says {footer.DataBlocks}");
            var lastKeys = new byte[count][];
            var offsets = new long[count];
            var lengths = new int[count];
            for (var i = 0; i < count; i++)
            {
                var keyLength = Varint.Read(index, ref p);
                if (keyLength < 0 || keyLength + 12 > index.Length - p) throw new CorruptionException(path, footer.IndexOffset, $"index entry {i} is malformed");
                lastKeys[i] = index.AsSpan(p, (int)keyLength).ToArray();
                p += (int)keyLength;
                offsets[i] = BinaryPrimitives.ReadInt64LittleEndian(index.AsSpan(p));
                lengths[i] = BinaryPrimitives.ReadInt32LittleEndian(index.AsSpan(p + 8));
                p += 12;
                if (offsets[i] < 0 || lengths[i] < 4 || offsets[i] + lengths[i] + TableFormat.TrailerBytes > footer.BloomOffset)
                    throw new CorruptionException(path, footer.IndexOffset, $"index entry {i} points outside the data blocks");
            }
            return new SSTableReader(path, handle, length, footer, lastKeys, offsets, lengths, bloom);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Point lookup. Found: the entry's kind and value (a copy). <paramref name="blocksRead"/> counts data blocks read.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, ulong hash, out ValueKind kind, out byte[] value, ref int blocksRead, out bool bloomPassed)
    {
        kind = ValueKind.Deletion;
        value = [];
        bloomPassed = false;
        if (!_bloom.MayContain(hash)) return false;
        bloomPassed = true;
        var block = FindBlock(key);
        if (block >= _offsets.Length) return false;
        var it = ReadBlock(block);
        blocksRead++;
        it.Seek(key);
        if (!it.Valid || KeyComparer.Compare(it.Key, key) != 0) return false;
        kind = it.Kind;
        value = it.Value.ToArray();
        return true;
    }

    /// <summary>The first block whose last key is ≥ key (= DataBlocks when the key is past the table).</summary>
    public int FindBlock(ReadOnlySpan<byte> key)
    {
        int lo = 0, hi = _lastKeys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (KeyComparer.Compare(_lastKeys[mid], key) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    public BlockIterator ReadBlock(int index)
    {
        var offset = _offsets[index];
        var length = _lengths[index];
        var buffer = ReadChecksummed(_file, Path, offset, length, $"data block {index}");
        return new BlockIterator(buffer, length, Path, offset);
    }

    public TableIterator NewIterator() => new(this);

    private static byte[] ReadChecksummed(IRandomAccessFile handle, string path, long offset, int length, string what)
    {
        var buffer = new byte[length + TableFormat.TrailerBytes];
        ReadExactly(handle, path, buffer, offset);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(length));
        var actual = Crc32C.Compute(buffer.AsSpan(0, length));
        if (stored != actual) throw new CorruptionException(path, offset, $"{what} of {length} bytes fails its CRC-32C (stored {stored:x8}, computed {actual:x8})");
        return buffer;
    }

    private static void ReadExactly(IRandomAccessFile handle, string path, byte[] buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = handle.Read(buffer.AsSpan(done), offset + done);
            if (n == 0) throw new CorruptionException(path, offset + done, $"unexpected end of file while reading {buffer.Length} bytes at {offset}");
            done += n;
        }
    }

    public void Dispose() => _file.Dispose();
}
