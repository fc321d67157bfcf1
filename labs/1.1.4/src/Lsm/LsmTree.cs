using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// A log-structured merge tree over byte-string keys. Writes go to the write-ahead log and then to the memtable
/// (a skip list), each tagged with a sequence number; a full memtable is frozen and flushed to a level-0 SSTable;
/// leveled compaction merges tables downwards. Reads consult the memtables, then level 0 newest first, then one table
/// per deeper level, all as of one point in time (a <see cref="ReadView"/>).
/// Thread-safe: any number of readers and writers.
/// <para>The parts are in separate files: opening and recovery (<c>LsmTree.Open.cs</c>), the write path with its
/// writer queue (<c>LsmTree.Writes.cs</c>, <see cref="WriteQueue"/>), flushes (<c>LsmTree.Flush.cs</c>) and compactions
/// (<c>LsmTree.Compaction.cs</c>, <see cref="CompactionPicker"/>).</para>
/// </summary>
public sealed partial class LsmTree : IDisposable
{
    private const string WalExtension = ".log";
    private const string TableExtension = ".sst";

    private readonly string _directory;
    private readonly LsmOptions _options;
    private readonly IFileSystem _files;
    private readonly IDisposable _directoryLock;
    private readonly object _state = new();       // a monitor (Wait/Pulse); guards _mem, _imm, _version, _wal switch, _failure, _closing
    private readonly Lock _maintenance = new();   // one flush or compaction at a time
    private readonly WriteQueue _writeQueue = new();
    private readonly ByteBuffer _walBuffer = new();
    private readonly List<TableHandle> _keptOpen = []; // only with StorageBug.ObsoleteTablesKeptOpen
    private Thread? _background;
    private Memtable _mem;
    private Memtable? _imm;
    private Version _version;
    private WriteAheadLog _wal;
    private long _nextFileNumber;
    private long _lastSequence;      // written by the write leader (and recovery)
    private long _visibleSequence;   // the last sequence number whose whole write group is in the memtable
    private int _memtableSeed;
    private Exception? _failure;
    private bool _closing;
    private bool _disposed;

    private long _userBytes, _puts, _deletes, _walBytes, _walSyncs, _writeGroups, _flushBytes, _flushes;
    private long _compactionRead, _compactionWritten, _compactions, _tombstonesDropped, _writeStalls;
    private long _gets, _blocksRead, _bloomChecks, _bloomNegatives, _bloomFalsePositives;

    private LsmTree(string directory, LsmOptions options, IDisposable directoryLock, Manifest manifest, Version version, IReadOnlyList<WalRecovery> recovery)
    {
        _directory = directory;
        _options = options;
        _files = options.FileSystem;
        _directoryLock = directoryLock;
        _version = version;
        _nextFileNumber = manifest.NextFileNumber;
        _lastSequence = _visibleSequence = manifest.LastSequence;
        Recovery = recovery;
        _wal = WriteAheadLog.Create(_files, WalPath(_nextFileNumber), _nextFileNumber);
        _nextFileNumber++;
        _mem = new Memtable(_wal.Number, ++_memtableSeed, options.Bug);
    }

    public string Directory => _directory;
    public LsmOptions Options => _options;

    /// <summary>What replaying the write-ahead logs found when the tree was opened.</summary>
    public IReadOnlyList<WalRecovery> Recovery { get; private set; }

    /// <summary>True once a failure (an I/O error, a simulated crash) stopped the tree: it refuses writes until reopened.</summary>
    public bool IsFailed
    {
        get { lock (_state) return _failure is not null; }
    }

    /// <summary>The sequence number of the last write applied.</summary>
    public long LastSequence => Volatile.Read(ref _visibleSequence);

    // ---------------------------------------------------------------- reads

    /// <summary>The value of <paramref name="key"/> (a copy), or null when absent or deleted.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        using var view = AcquireView();
        return Get(view, key);
    }

    /// <summary>Live entries with <paramref name="from"/> ≤ key &lt; <paramref name="toExclusive"/> in key order (null
    /// bounds = open), as of the moment the enumeration starts: writes made while it runs are not seen, and the tables it
    /// reads stay open until it is disposed.</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[]? from = null, byte[]? toExclusive = null)
    {
        using var view = AcquireView();
        foreach (var kv in Scan(view, from, toExclusive)) yield return kv;
    }

    /// <summary>Live entries with <paramref name="from"/> ≤ key &lt; <paramref name="toExclusive"/> in descending key order
    /// (null bounds = open), as of the moment the enumeration starts (like <see cref="Scan(byte[], byte[])"/>).</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> ScanReverse(byte[]? from = null, byte[]? toExclusive = null)
    {
        using var view = AcquireView();
        foreach (var kv in ScanReverse(view, from, toExclusive)) yield return kv;
    }

    /// <summary>A point in time to read from with <see cref="LsmSnapshot.Get"/> and <see cref="LsmSnapshot.Scan"/>, while
    /// writes go on. Dispose it: it keeps its memtables and tables alive.</summary>
    public LsmSnapshot Snapshot() => new(this, AcquireView());

    internal ReadView AcquireView()
    {
        lock (_state)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _version.Ref();
            return new ReadView(_mem, _imm, _version, Volatile.Read(ref _visibleSequence));
        }
    }

    internal byte[]? Get(ReadView view, ReadOnlySpan<byte> key)
    {
        Interlocked.Increment(ref _gets);
        if (view.Mem.TryGet(key, view.Sequence, out var kind, out var stored) || (view.Imm?.TryGet(key, view.Sequence, out kind, out stored) ?? false))
            return kind == ValueKind.Deletion ? null : _options.Bug == StorageBug.SharedBuffers ? stored : stored.AsSpan().ToArray();
        var hash = BloomFilter.Hash(key);
        var blocks = 0;
        try
        {
            foreach (var table in view.Version.Levels[0])
            {
                if (!InRange(table.Meta, key)) continue;
                if (Probe(table, key, hash, ref blocks, out kind, out var value)) return kind == ValueKind.Deletion ? null : value;
            }
            for (var level = 1; level < view.Version.Levels.Length; level++)
            {
                var tables = view.Version.Levels[level];
                int lo = 0, hi = tables.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (KeyComparer.Compare(tables[mid].Meta.Largest, key) < 0) lo = mid + 1;
                    else hi = mid;
                }
                if (lo < tables.Count && KeyComparer.Compare(tables[lo].Meta.Smallest, key) <= 0 &&
                    Probe(tables[lo], key, hash, ref blocks, out kind, out var value))
                    return kind == ValueKind.Deletion ? null : value;
            }
            return null;
        }
        finally
        {
            Interlocked.Add(ref _blocksRead, blocks);
        }
    }

    private bool Probe(TableHandle table, ReadOnlySpan<byte> key, ulong hash, ref int blocks, out ValueKind kind, out byte[] value)
    {
        Interlocked.Increment(ref _bloomChecks);
        var found = table.Reader.TryGet(key, hash, out kind, out value, ref blocks, out var bloomPassed);
        if (!bloomPassed) Interlocked.Increment(ref _bloomNegatives);
        else if (!found) Interlocked.Increment(ref _bloomFalsePositives);
        return found;
    }

    private static bool InRange(TableMeta meta, ReadOnlySpan<byte> key) =>
        KeyComparer.Compare(meta.Smallest, key) <= 0 && KeyComparer.Compare(meta.Largest, key) >= 0;

    internal IEnumerable<KeyValuePair<byte[], byte[]>> Scan(ReadView view, byte[]? from, byte[]? toExclusive)
    {
        var merged = NewMergingIterator(view);
        if (from is null) merged.SeekToFirst();
        else merged.Seek(from);
        for (; merged.Valid; merged.Next())
        {
            if (toExclusive is not null && KeyComparer.Compare(merged.Key, toExclusive) >= 0) yield break;
            if (merged.Kind == ValueKind.Value) yield return new KeyValuePair<byte[], byte[]>(merged.Key.ToArray(), merged.Value.ToArray());
        }
    }

    internal IEnumerable<KeyValuePair<byte[], byte[]>> ScanReverse(ReadView view, byte[]? from, byte[]? toExclusive)
    {
        var merged = NewMergingIterator(view);
        if (toExclusive is null) merged.SeekToLast();
        else
        {
            merged.SeekForPrev(toExclusive);
            if (merged.Valid && KeyComparer.Compare(merged.Key, toExclusive) == 0) merged.Prev();
        }
        for (; merged.Valid; merged.Prev())
        {
            if (from is not null && KeyComparer.Compare(merged.Key, from) < 0) yield break;
            if (merged.Kind == ValueKind.Value) yield return new KeyValuePair<byte[], byte[]>(merged.Key.ToArray(), merged.Value.ToArray());
        }
    }

    private MergingIterator NewMergingIterator(ReadView view)
    {
        var sequence = _options.Bug == StorageBug.ScanWithoutSnapshot ? long.MaxValue : view.Sequence; // planted defect: sees later writes
        var children = new List<IKeyValueIterator> { view.Mem.NewIterator(sequence) };
        if (view.Imm is not null) children.Add(view.Imm.NewIterator(sequence));
        children.AddRange(view.Version.Levels[0].Select(t => (IKeyValueIterator)t.Reader.NewIterator()));
        for (var level = 1; level < view.Version.Levels.Length; level++)
            if (view.Version.Levels[level].Count > 0) children.Add(new LevelIterator(view.Version.Levels[level]));
        return new MergingIterator(children);
    }

    // ---------------------------------------------------------------- failures and crash points

    /// <summary>Records the first failure; from then on the tree refuses writes (LevelDB's and RocksDB's background error).</summary>
    private void Fail(Exception e)
    {
        lock (_state)
        {
            _failure ??= e;
            Monitor.PulseAll(_state);
        }
    }

    private void ThrowIfFailed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null) throw new IOException($"The LSM tree in '{_directory}' refuses writes after a failure; reopen it. The failure: {_failure.Message}", _failure);
    }

    private bool CrashHook(string point)
    {
        if (_options.CrashAt?.Invoke(point) != true) return false;
        Fail(new SimulatedCrashException(point));
        return true;
    }

    private void CrashPoint(string point)
    {
        if (CrashHook(point)) throw new SimulatedCrashException(point);
    }

    private string WalPath(long number) => Path.Combine(_directory, $"{number:D6}{WalExtension}");

    private string TablePath(long number) => Path.Combine(_directory, TableMeta.FileName(number));

    // ---------------------------------------------------------------- introspection

    public LsmStats Statistics => new()
    {
        UserBytes = Interlocked.Read(ref _userBytes), Puts = Interlocked.Read(ref _puts), Deletes = Interlocked.Read(ref _deletes),
        WalBytes = Interlocked.Read(ref _walBytes), WalSyncs = Interlocked.Read(ref _walSyncs), WriteGroups = Interlocked.Read(ref _writeGroups),
        FlushBytes = Interlocked.Read(ref _flushBytes), Flushes = Interlocked.Read(ref _flushes),
        CompactionBytesRead = Interlocked.Read(ref _compactionRead), CompactionBytesWritten = Interlocked.Read(ref _compactionWritten),
        Compactions = Interlocked.Read(ref _compactions), TombstonesDropped = Interlocked.Read(ref _tombstonesDropped),
        WriteStalls = Interlocked.Read(ref _writeStalls), Gets = Interlocked.Read(ref _gets), DataBlocksRead = Interlocked.Read(ref _blocksRead),
        BloomChecks = Interlocked.Read(ref _bloomChecks), BloomNegatives = Interlocked.Read(ref _bloomNegatives),
        BloomFalsePositives = Interlocked.Read(ref _bloomFalsePositives),
    };

    /// <summary>Tables and bytes per level.</summary>
    public IReadOnlyList<(int Tables, long Bytes)> Levels
    {
        get
        {
            Version v;
            lock (_state) v = _version;
            return [.. v.Levels.Select(l => (l.Count, l.Sum(t => t.Meta.FileSize)))];
        }
    }

    /// <summary>Bytes of the live tables as the manifest lists them.</summary>
    public long LiveTableBytes
    {
        get
        {
            Version v;
            lock (_state) v = _version;
            return v.AllTables.Sum(t => t.Meta.FileSize);
        }
    }

    /// <summary>Space the tree's files take on the file system, measured there: tables (also obsolete ones a reader
    /// still holds open), WALs and the manifest.</summary>
    public long DiskBytes
    {
        get
        {
            lock (_state) ObjectDisposedException.ThrowIf(_disposed, this);
            return _files.SpaceUsed(_directory);
        }
    }

    /// <summary>Closes the tree. Nothing is lost: the memtable's contents are in the WAL, replayed on the next open.
    /// After a simulated crash nothing more is written, as after a kill. Snapshots and scans still open keep their
    /// tables open until they are disposed.</summary>
    public void Dispose()
    {
        lock (_state)
        {
            if (_disposed || _closing) return;
            _closing = true;
            Monitor.PulseAll(_state);
        }
        _background?.Join();
        lock (_state) _disposed = true;
        _wal.Dispose();
        _version.Unref();
        foreach (var t in _keptOpen) t.Release();
        _directoryLock.Dispose();
    }
}
