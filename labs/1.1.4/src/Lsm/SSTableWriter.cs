using System.Buffers.Binary;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Writes one SSTable (layout in <see cref="TableFormat"/>) from entries added in strictly increasing key order.</summary>
internal sealed class SSTableWriter : IDisposable
{
    private readonly IWritableFile _file;
    private readonly LsmOptions _options;
    private readonly BlockBuilder _block;
    private readonly List<(byte[] LastKey, long Offset, int Length)> _index = [];
    private readonly List<ulong> _hashes = [];
    private byte[]? _smallest;
    private byte[] _largest = [];
    private long _offset;

    public SSTableWriter(IFileSystem files, string path, long fileNumber, int level, LsmOptions options)
    {
        FileNumber = fileNumber;
        Level = level;
        _options = options;
        _block = new BlockBuilder(options.RestartInterval);
        _file = files.Create(path, buffered: true);
    }

    public string Path => _file.Path;
    public long FileNumber { get; }
    public int Level { get; }
    public long Entries { get; private set; }
    public long EstimatedSize => _offset + _block.EstimatedSize;

    public void Add(ReadOnlySpan<byte> key, ValueKind kind, ReadOnlySpan<byte> value)
    {
        if (Entries > 0 && KeyComparer.Compare(key, _largest) <= 0)
            throw new InvalidOperationException("SSTable keys must be added in strictly increasing order.");
        _smallest ??= key.ToArray();
        _largest = key.ToArray();
        _hashes.Add(BloomFilter.Hash(key));
        _block.Add(key, kind, value);
        Entries++;
        if (_block.EstimatedSize >= _options.BlockBytes) FlushBlock();
    }

    private void FlushBlock()
    {
        if (_block.IsEmpty) return;
        var lastKey = _block.LastKey.ToArray();
        var length = WriteChecksummed(_block.Finish());
        _index.Add((lastKey, _offset - length - TableFormat.TrailerBytes, length));
        _block.Reset();
    }

    private int WriteChecksummed(ReadOnlySpan<byte> block)
    {
        Span<byte> crc = stackalloc byte[TableFormat.TrailerBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32C.Compute(block));
        _file.Append(block);
        _file.Append(crc);
        _offset += block.Length + TableFormat.TrailerBytes;
        return block.Length;
    }

    /// <summary>Writes the last block, the bloom filter, the index and the footer, then fsyncs and closes the file.</summary>
    public TableMeta Finish()
    {
        if (Entries == 0) throw new InvalidOperationException("An SSTable needs at least one entry.");
        FlushBlock();
        var bloomOffset = _offset;
        var bloomLength = WriteChecksummed(BloomFilter.Build(_hashes, _options.BloomBitsPerKey));
        var index = new ByteBuffer(_index.Count * 40 + 16);
        index.AddVarint((uint)_index.Count);
        Span<byte> fixedPart = stackalloc byte[12];
        foreach (var (lastKey, offset, length) in _index)
        {
            index.AddVarint((uint)lastKey.Length);
            index.Add(lastKey);
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart, offset);
            BinaryPrimitives.WriteInt32LittleEndian(fixedPart[8..], length);
            index.Add(fixedPart);
        }
        var indexOffset = _offset;
        var indexLength = WriteChecksummed(index.Written);
        Span<byte> footer = stackalloc byte[TableFormat.FooterBytes];
        TableFormat.WriteFooter(footer, new TableFormat.Footer(bloomOffset, bloomLength, indexOffset, indexLength, Entries, _index.Count));
        _file.Append(footer);
        _offset += footer.Length;
        if (_options.Bug == StorageBug.TableNotSynced) _file.Flush(); // planted defect: in the OS, not on the disk
        else _file.Sync();
        _file.Dispose();
        return new TableMeta(FileNumber, Level, _offset, Entries, _smallest!, _largest);
    }

    /// <summary>Closes the file. An unfinished table stays on disk, as after a crash; opening the tree removes such orphans.</summary>
    public void Dispose() => _file.Dispose();
}
