using System.Runtime.ExceptionServices;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// A log-structured merge tree over byte-string keys. Writes go to the write-ahead log and then to the
/// memtable (a skip list); a full memtable is frozen and flushed to a level-0 SSTable; leveled compaction
/// merges tables downwards. Reads consult the memtables, then level 0 newest first, then one table per
/// deeper level. Writers queue up and the one at the head (the leader) writes the whole group's records
/// with one write and, in <see cref="WalSyncMode.Fsync"/>, one fsync (group commit).
/// Thread-safe: any number of readers and writers.
/// </summary>
public sealed class LsmTree : IDisposable
{
    private const string WalExtension = ".log";
    private const int MaxGroupBytes = 1 << 20;

    private readonly string _directory;
    private readonly LsmOptions _options;
    private readonly FileStream _lockFile;
    private readonly object _state = new();       // a monitor (Wait/Pulse); guards _mem, _imm, _version, _wal switch, _failure, _closing
    private readonly Lock _maintenance = new();   // one flush or compaction at a time
    private readonly object _writeGate = new();   // a monitor: the writer queue
    private readonly Queue<Writer> _writers = new();
    private readonly ByteBuffer _walBuffer = new();
    private readonly List<SSTableReader> _obsolete = [];
    private readonly byte[]?[] _compactPointer;
    private readonly Thread? _background;
    private Memtable _mem;
    private Memtable? _imm;
    private Version _version;
    private WriteAheadLog _wal;
    private long _nextFileNumber;
    private int _memtableSeed;
    private Exception? _failure;
    private bool _closing;
    private bool _disposed;

    private long _userBytes, _puts, _deletes, _walBytes, _walSyncs, _writeGroups, _flushBytes, _flushes;
    private long _compactionRead, _compactionWritten, _compactions, _tombstonesDropped, _writeStalls;
    private long _gets, _blocksRead, _bloomChecks, _bloomNegatives, _bloomFalsePositives;

    private sealed class Writer(IReadOnlyList<(byte[] Key, byte[]? Value)> operations, bool forceFlush)
    {
        public readonly IReadOnlyList<(byte[] Key, byte[]? Value)> Operations = operations;
        public readonly bool ForceFlush = forceFlush;
        public bool Done;
        public Exception? Error;
    }

    private sealed record CompactionJob(int Level, int OutputLevel, List<TableHandle> Inputs, List<TableHandle> NextInputs, bool Manual);

    private LsmTree(string directory, LsmOptions options, FileStream lockFile, Manifest manifest, Version version, IReadOnlyList<WalRecovery> recovery)
    {
        _directory = directory;
        _options = options;
        _lockFile = lockFile;
        _version = version;
        _nextFileNumber = manifest.NextFileNumber;
        _compactPointer = new byte[]?[options.MaxLevels];
        Recovery = recovery;
        _wal = WriteAheadLog.Create(WalPath(_nextFileNumber), _nextFileNumber);
        _nextFileNumber++;
        _mem = new Memtable(_wal.Number, ++_memtableSeed);
        if (options.BackgroundMaintenance)
        {
            _background = new Thread(BackgroundLoop) { IsBackground = true, Name = "lsm-maintenance" };
            _background.Start();
        }
    }

    public string Directory => _directory;
    public LsmOptions Options => _options;

    /// <summary>What replaying the write-ahead logs found when the tree was opened.</summary>
    public IReadOnlyList<WalRecovery> Recovery { get; }

    /// <summary>True once a simulated crash or a background failure stopped the tree.</summary>
    public bool IsFailed
    {
        get { lock (_state) return _failure is not null; }
    }

    /// <summary>Opens the tree in <paramref name="directory"/> (created if missing): reads the manifest, removes files a
    /// crash left behind, replays the WALs (cutting a torn tail) and flushes what they held to level 0.</summary>
    /// <exception cref="CorruptionException">The manifest, a live table's footer/index/filter or a WAL record (other than a torn tail) is corrupt.</exception>
    public static LsmTree Open(string directory, LsmOptions? options = null)
    {
        options ??= new LsmOptions();
        options.Validate();
        System.IO.Directory.CreateDirectory(directory);
        var lockFile = new FileStream(Path.Combine(directory, "LOCK"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var readers = new List<SSTableReader>();
        try
        {
            var manifest = Manifest.Read(directory) ?? Manifest.Empty;
            var live = manifest.Tables.Select(t => t.FileNumber).ToHashSet();
            var levels = Enumerable.Range(0, options.MaxLevels).Select(_ => new List<TableHandle>()).ToArray();
            foreach (var meta in manifest.Tables)
            {
                if (meta.Level >= options.MaxLevels) throw new CorruptionException(Path.Combine(directory, Manifest.FileName), 0, $"table {meta.FileNumber} is at level {meta.Level}, beyond MaxLevels {options.MaxLevels}");
                var reader = SSTableReader.Open(Path.Combine(directory, TableMeta.FileName(meta.FileNumber)));
                readers.Add(reader);
                levels[meta.Level].Add(new TableHandle(meta, reader));
            }
            // Level 0 is kept newest first (higher file number = newer); deeper levels by key.
            levels[0].Sort((a, b) => b.Meta.FileNumber.CompareTo(a.Meta.FileNumber));
            for (var i = 1; i < levels.Length; i++) levels[i].Sort((a, b) => ByteArrayComparer.Instance.Compare(a.Meta.Smallest, b.Meta.Smallest));
            var version = new Version([.. levels.Select(l => (IReadOnlyList<TableHandle>)l)]);

            long maxNumber = 0;
            var logs = new List<(long Number, string Path)>();
            foreach (var file in System.IO.Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(file);
                if (name == "MANIFEST.tmp") { File.Delete(file); continue; }
                if (!long.TryParse(Path.GetFileNameWithoutExtension(name), out var number)) continue;
                maxNumber = Math.Max(maxNumber, number);
                if (name.EndsWith(".sst", StringComparison.Ordinal) && !live.Contains(number)) File.Delete(file); // output of an interrupted flush or compaction
                else if (name.EndsWith(WalExtension, StringComparison.Ordinal))
                {
                    if (number < manifest.LogNumber) File.Delete(file); // already flushed
                    else logs.Add((number, file));
                }
            }
            var recovered = new Memtable(0, 0);
            var recovery = new List<WalRecovery>();
            foreach (var (_, path) in logs.OrderBy(l => l.Number))
                recovery.Add(WriteAheadLog.Recover(path, recovered.Apply));

            manifest = manifest with { NextFileNumber = Math.Max(manifest.NextFileNumber, maxNumber + 1) };
            var tree = new LsmTree(directory, options, lockFile, manifest, version, recovery);
            try
            {
                tree.FinishRecovery(recovered, logs.Select(l => l.Path).ToList());
            }
            catch
            {
                tree.Dispose();
                throw;
            }
            return tree;
        }
        catch
        {
            foreach (var r in readers) r.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Writes the replayed entries as a level-0 table, records the new WAL in the manifest, deletes the old logs.</summary>
    private void FinishRecovery(Memtable recovered, List<string> oldLogs)
    {
        lock (_maintenance)
        {
            if (!recovered.IsEmpty)
            {
                var handle = WriteLevel0Table(recovered);
                _version = _version.WithFlushed(handle);
            }
            WriteManifest(_version, _wal.Number);
            foreach (var log in oldLogs) File.Delete(log);
        }
    }

    // ---------------------------------------------------------------- writes

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => Write([(key.ToArray(), value.ToArray())]);

    public void Delete(ReadOnlySpan<byte> key) => Write([(key.ToArray(), null)]);

    /// <summary>Applies the operations (value null = delete) as one WAL record: after a crash all or none are there.
    /// Returns when the record is acknowledged (see <see cref="WalSyncMode"/>).</summary>
    public void Write(IReadOnlyList<(byte[] Key, byte[]? Value)> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var (key, _) in operations) ArgumentNullException.ThrowIfNull(key);
        RunAsWriter(new Writer(operations, forceFlush: false));
    }

    private void RunAsWriter(Writer self)
    {
        lock (_writeGate)
        {
            _writers.Enqueue(self);
            while (!self.Done && _writers.Peek() != self) Monitor.Wait(_writeGate);
            if (self.Done)
            {
                if (self.Error is not null) throw new IOException("A write group failed; this write was not applied.", self.Error);
                return;
            }
        }
        // This writer is the leader: it writes its own record and those of every writer queued behind it.
        var group = new List<Writer>();
        Exception? error = null;
        try
        {
            MakeRoomForWrite(self.ForceFlush);
            lock (_writeGate)
            {
                var bytes = 0;
                foreach (var w in _writers)
                {
                    if (w.ForceFlush && w != self) break;
                    group.Add(w);
                    bytes += w.Operations.Sum(o => o.Key.Length + (o.Value?.Length ?? 0));
                    if (bytes >= MaxGroupBytes) break;
                }
            }
            _walBuffer.Clear();
            long userBytes = 0, puts = 0, deletes = 0;
            foreach (var w in group)
            {
                if (w.Operations.Count == 0) continue;
                WriteAheadLog.EncodeRecord(_walBuffer, w.Operations);
                foreach (var (key, value) in w.Operations)
                {
                    userBytes += key.Length + (value?.Length ?? 0);
                    if (value is null) deletes++; else puts++;
                }
            }
            if (_walBuffer.Length > 0)
            {
                var sync = _options.WalSync == WalSyncMode.Fsync;
                _wal.Append(_walBuffer.Written, sync);
                Interlocked.Add(ref _walBytes, _walBuffer.Length);
                if (sync) Interlocked.Increment(ref _walSyncs);
                Interlocked.Increment(ref _writeGroups);
                foreach (var w in group)
                    foreach (var (key, value) in w.Operations)
                        _mem.Apply(key, value);
            }
            Interlocked.Add(ref _userBytes, userBytes);
            Interlocked.Add(ref _puts, puts);
            Interlocked.Add(ref _deletes, deletes);
        }
        catch (Exception e)
        {
            error = e;
            if (e is SimulatedCrashException) Fail(e);
        }
        lock (_writeGate)
        {
            if (group.Count == 0) group.Add(self);
            foreach (var w in group)
            {
                _writers.Dequeue();
                w.Done = true;
                w.Error = error;
            }
            Monitor.PulseAll(_writeGate);
        }
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
    }

    /// <summary>Makes sure the memtable has room: freezes a full one (waiting while the previous one is still
    /// being flushed, or while level 0 has too many tables) and, without a background thread, flushes and compacts inline.</summary>
    private void MakeRoomForWrite(bool force)
    {
        while (true)
        {
            lock (_state)
            {
                ThrowIfFailed();
                var full = _mem.ApproximateBytes >= _options.MemtableBytes || (force && !_mem.IsEmpty);
                if (_background is not null)
                {
                    if (_version.Levels[0].Count >= _options.Level0StopWritesTrigger || (full && _imm is not null))
                    {
                        Interlocked.Increment(ref _writeStalls);
                        Monitor.Wait(_state);
                        continue;
                    }
                    if (!full) return;
                    SwitchMemtable();
                    Monitor.PulseAll(_state);
                    return;
                }
                if (!full) return;
                SwitchMemtable();
            }
            lock (_maintenance)
            {
                FlushImmutable();
                while (PickCompaction() is { } job) RunCompaction(job);
            }
            return;
        }
    }

    /// <summary>Under _state: the memtable becomes immutable and a new WAL backs the new one.</summary>
    private void SwitchMemtable()
    {
        var number = Interlocked.Increment(ref _nextFileNumber) - 1;
        var wal = WriteAheadLog.Create(WalPath(number), number);
        if (_options.WalSync == WalSyncMode.Fsync) DirectorySync.Sync(_directory);
        _wal.Dispose();
        _wal = wal;
        _imm = _mem;
        _mem = new Memtable(number, ++_memtableSeed);
    }

    // ---------------------------------------------------------------- reads

    /// <summary>The value of <paramref name="key"/>, or null when absent or deleted.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        Memtable mem;
        Memtable? imm;
        Version version;
        lock (_state)
        {
            ThrowIfFailed();
            (mem, imm, version) = (_mem, _imm, _version);
        }
        Interlocked.Increment(ref _gets);
        var hit = mem.Get(key) ?? imm?.Get(key);
        if (hit is not null) return ReferenceEquals(hit, SkipList.Tombstone) ? null : hit;
        var hash = BloomFilter.Hash(key);
        var blocks = 0;
        try
        {
            foreach (var table in version.Levels[0])
            {
                if (!InRange(table.Meta, key)) continue;
                if (Probe(table, key, hash, ref blocks, out var value)) return value;
            }
            for (var level = 1; level < version.Levels.Length; level++)
            {
                var tables = version.Levels[level];
                int lo = 0, hi = tables.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (KeyComparer.Compare(tables[mid].Meta.Largest, key) < 0) lo = mid + 1;
                    else hi = mid;
                }
                if (lo < tables.Count && KeyComparer.Compare(tables[lo].Meta.Smallest, key) <= 0 &&
                    Probe(tables[lo], key, hash, ref blocks, out var value))
                    return value;
            }
            return null;
        }
        finally
        {
            Interlocked.Add(ref _blocksRead, blocks);
        }
    }

    private bool Probe(TableHandle table, ReadOnlySpan<byte> key, ulong hash, ref int blocks, out byte[]? value)
    {
        Interlocked.Increment(ref _bloomChecks);
        var found = table.Reader.TryGet(key, hash, out value, ref blocks, out var bloomPassed);
        if (!bloomPassed) Interlocked.Increment(ref _bloomNegatives);
        else if (!found) Interlocked.Increment(ref _bloomFalsePositives);
        return found;
    }

    private static bool InRange(TableMeta meta, ReadOnlySpan<byte> key) =>
        KeyComparer.Compare(meta.Smallest, key) <= 0 && KeyComparer.Compare(meta.Largest, key) >= 0;

    /// <summary>Live entries with <paramref name="from"/> ≤ key &lt; <paramref name="toExclusive"/> in key order
    /// (null bounds = open), read from a consistent snapshot of the tables.</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[]? from = null, byte[]? toExclusive = null)
    {
        var merged = NewMergingIterator(out _);
        if (from is null) merged.SeekToFirst();
        else merged.Seek(from);
        while (merged.Valid)
        {
            if (toExclusive is not null && KeyComparer.Compare(merged.Key, toExclusive) >= 0) yield break;
            var value = merged.Value;
            if (value is not null) yield return new KeyValuePair<byte[], byte[]>(merged.Key.ToArray(), value);
            merged.Next();
        }
    }

    private MergingIterator NewMergingIterator(out Version version)
    {
        Memtable mem;
        Memtable? imm;
        lock (_state)
        {
            ThrowIfFailed();
            (mem, imm, version) = (_mem, _imm, _version);
        }
        var children = new List<IKeyValueIterator> { mem.NewIterator() };
        if (imm is not null) children.Add(imm.NewIterator());
        children.AddRange(version.Levels[0].Select(t => (IKeyValueIterator)t.Reader.NewIterator()));
        for (var level = 1; level < version.Levels.Length; level++)
            if (version.Levels[level].Count > 0) children.Add(new LevelIterator(version.Levels[level]));
        return new MergingIterator(children);
    }

    // ---------------------------------------------------------------- flush

    /// <summary>Freezes the memtable and waits until it is written to level 0.</summary>
    public void Flush()
    {
        RunAsWriter(new Writer([], forceFlush: true));
        lock (_state)
        {
            while (_imm is not null && _failure is null) Monitor.Wait(_state);
            ThrowIfFailed();
        }
    }

    private TableHandle WriteLevel0Table(Memtable memtable)
    {
        var number = Interlocked.Increment(ref _nextFileNumber) - 1;
        var path = Path.Combine(_directory, TableMeta.FileName(number));
        TableMeta meta;
        using (var writer = new SSTableWriter(path, number, 0, _options))
        {
            var it = memtable.NewIterator();
            for (it.SeekToFirst(); it.Valid; it.Next()) writer.Add(it.Key, it.Value);
            meta = writer.Finish();
        }
        Interlocked.Add(ref _flushBytes, meta.FileSize);
        Interlocked.Increment(ref _flushes);
        return new TableHandle(meta, SSTableReader.Open(path));
    }

    /// <summary>Writes the immutable memtable as a level-0 table, then the manifest, then deletes its WAL.</summary>
    private void FlushImmutable()
    {
        Memtable imm;
        long liveLog;
        lock (_state)
        {
            if (_imm is null) return;
            imm = _imm;
            liveLog = _mem.WalNumber;
        }
        var table = WriteLevel0Table(imm);
        Version version;
        try
        {
            CrashPoint(CrashPoints.FlushTableWritten);
            version = _version.WithFlushed(table);
            WriteManifest(version, liveLog);
            CrashPoint(CrashPoints.FlushManifestWritten);
        }
        catch
        {
            table.Reader.Dispose();
            throw;
        }
        File.Delete(WalPath(imm.WalNumber));
        lock (_state)
        {
            _version = version;
            _imm = null;
            Monitor.PulseAll(_state);
        }
    }

    private void WriteManifest(Version version, long logNumber) =>
        new Manifest(Interlocked.Read(ref _nextFileNumber), logNumber, version.Metas()).Write(_directory, _options.CrashAt is null ? null : CrashHook);

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

    // ---------------------------------------------------------------- compaction

    private long MaxBytesForLevel(int level)
    {
        var bytes = (double)_options.Level1MaxBytes;
        for (var i = 1; i < level; i++) bytes *= _options.LevelSizeMultiplier;
        return (long)bytes;
    }

    /// <summary>Leveled compaction: the level with the highest score (L0: tables / trigger; Ln: bytes / limit) above 1.</summary>
    private CompactionJob? PickCompaction()
    {
        var v = _version;
        var bestLevel = -1;
        var bestScore = 1.0;
        #region Exercise 1.1.4-1: pick a leveled compaction: score each level, choose inputs and the overlapping tables below
        for (var level = 0; level < v.Levels.Length - 1; level++)
        {
            var score = level == 0
                ? (double)v.Levels[0].Count / _options.Level0CompactionTrigger
                : (double)v.LevelBytes(level) / MaxBytesForLevel(level);
            if (score >= bestScore)
            {
                bestScore = score;
                bestLevel = level;
            }
        }
        if (bestLevel < 0) return null;
        List<TableHandle> inputs;
        if (bestLevel == 0) inputs = [.. v.Levels[0]];
        else
        {
            // Round-robin through the level's key space, like LevelDB's compact pointer.
            var pointer = _compactPointer[bestLevel];
            var tables = v.Levels[bestLevel];
            var next = pointer is null ? null : tables.FirstOrDefault(t => KeyComparer.Compare(t.Meta.Smallest, pointer) > 0);
            inputs = [next ?? tables[0]];
        }
        var smallest = inputs.Select(t => t.Meta.Smallest).Min(ByteArrayComparer.Instance)!;
        var largest = inputs.Select(t => t.Meta.Largest).Max(ByteArrayComparer.Instance)!;
        var below = v.Levels[bestLevel + 1].Where(t => t.Meta.Overlaps(smallest, largest)).ToList();
        return new CompactionJob(bestLevel, bestLevel + 1, inputs, below, Manual: false);
        #endregion
    }

    /// <summary>Merges the job's inputs into new tables at the output level; drops shadowed versions, and tombstones
    /// when no deeper level can hold an older version of the key.</summary>
    private void RunCompaction(CompactionJob job)
    {
        var all = job.Inputs.Concat(job.NextInputs).ToList();
        var smallest = all.Select(t => t.Meta.Smallest).Min(ByteArrayComparer.Instance)!;
        var largest = all.Select(t => t.Meta.Largest).Max(ByteArrayComparer.Instance)!;
        var version = _version;
        var bottommost = Enumerable.Range(job.OutputLevel + 1, version.Levels.Length - job.OutputLevel - 1)
            .All(l => !version.Levels[l].Any(t => t.Meta.Overlaps(smallest, largest)));
        // Newest first: level-0 inputs are already newest first; deeper inputs are older than shallower ones.
        var children = new List<IKeyValueIterator>();
        foreach (var group in all.GroupBy(t => t.Meta.Level).OrderBy(g => g.Key))
        {
            if (group.Key == 0) children.AddRange(group.OrderByDescending(t => t.Meta.FileNumber).Select(t => (IKeyValueIterator)t.Reader.NewIterator()));
            else children.Add(new LevelIterator(group.OrderBy(t => t.Meta.Smallest, ByteArrayComparer.Instance).ToList()));
        }
        var merged = new MergingIterator(children);
        var outputs = new List<TableHandle>();
        SSTableWriter? writer = null;
        long dropped = 0;
        try
        {
            for (merged.SeekToFirst(); merged.Valid; merged.Next())
            {
                var value = merged.Value;
                if (value is null && bottommost)
                {
                    dropped++;
                    continue;
                }
                if (writer is null)
                {
                    var number = Interlocked.Increment(ref _nextFileNumber) - 1;
                    writer = new SSTableWriter(Path.Combine(_directory, TableMeta.FileName(number)), number, job.OutputLevel, _options);
                }
                writer.Add(merged.Key, value);
                if (writer.EstimatedSize >= _options.TargetFileBytes)
                {
                    outputs.Add(FinishOutput(writer));
                    writer = null;
                    if (outputs.Count == 1) CrashPoint(CrashPoints.CompactionOutputPartial);
                }
            }
            if (writer is not null)
            {
                outputs.Add(FinishOutput(writer));
                writer = null;
            }
        }
        catch
        {
            foreach (var o in outputs) o.Reader.Dispose();
            throw;
        }
        finally
        {
            writer?.Dispose();
        }
        Version next;
        try
        {
            CrashPoint(CrashPoints.CompactionOutputsWritten);
            next = _version.WithCompacted(all, outputs, job.OutputLevel);
            long oldestLog;
            lock (_state) oldestLog = _imm?.WalNumber ?? _mem.WalNumber; // the oldest WAL whose data is not in a table yet
            WriteManifest(next, oldestLog);
            CrashPoint(CrashPoints.CompactionManifestWritten);
        }
        catch
        {
            foreach (var o in outputs) o.Reader.Dispose();
            throw;
        }
        lock (_state)
        {
            _version = next;
            _obsolete.AddRange(all.Select(t => t.Reader));
            Monitor.PulseAll(_state);
        }
        // Readers that still hold the old version keep their open handles; the names can go now.
        foreach (var t in all) File.Delete(Path.Combine(_directory, TableMeta.FileName(t.Meta.FileNumber)));
        if (!job.Manual && job.Level > 0) _compactPointer[job.Level] = job.Inputs.Max(t => t.Meta.Largest);
        Interlocked.Add(ref _compactionRead, all.Sum(t => t.Meta.FileSize));
        Interlocked.Add(ref _compactionWritten, outputs.Sum(t => t.Meta.FileSize));
        Interlocked.Add(ref _tombstonesDropped, dropped);
        Interlocked.Increment(ref _compactions);
    }

    private static TableHandle FinishOutput(SSTableWriter writer)
    {
        var meta = writer.Finish();
        return new TableHandle(meta, SSTableReader.Open(writer.Path));
    }

    /// <summary>Flushes the memtable and merges every table into one sorted run at the deepest used level
    /// (db_bench's "compact"): afterwards a lookup reads at most one table.</summary>
    public void CompactAll()
    {
        Flush();
        lock (_maintenance)
        {
            var v = _version;
            var tables = v.AllTables.ToList();
            if (tables.Count == 0) return;
            var deepest = Math.Max(1, Enumerable.Range(0, v.Levels.Length).Last(l => v.Levels[l].Count > 0));
            if (tables.All(t => t.Meta.Level == deepest)) return; // already one sorted run
            var top = tables.Where(t => t.Meta.Level < deepest).ToList();
            var bottom = tables.Where(t => t.Meta.Level == deepest).ToList();
            RunCompaction(new CompactionJob(top.Count > 0 ? top.Min(t => t.Meta.Level) : deepest, deepest, top, bottom, Manual: true));
        }
    }

    /// <summary>Waits until no level needs compaction (background mode); returns at once in inline mode.</summary>
    public void WaitForCompactions(CancellationToken cancellationToken = default)
    {
        lock (_state)
        {
            while (_failure is null && (_imm is not null || (_background is not null && PickCompaction() is not null)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_state, TimeSpan.FromMilliseconds(200));
            }
            ThrowIfFailed();
        }
    }

    private void BackgroundLoop()
    {
        while (true)
        {
            lock (_state)
            {
                while (!_closing && _failure is null && _imm is null && PickCompaction() is null) Monitor.Wait(_state);
                if (_closing || _failure is not null) return;
            }
            try
            {
                lock (_maintenance)
                {
                    if (_imm is not null) FlushImmutable();
                    else if (PickCompaction() is { } job) RunCompaction(job);
                }
            }
            catch (Exception e)
            {
                Fail(e);
                return;
            }
        }
    }

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
        if (_failure is not null) throw new IOException($"The LSM tree in '{_directory}' stopped after a failure: {_failure.Message}", _failure);
    }

    private string WalPath(long number) => Path.Combine(_directory, $"{number:D6}{WalExtension}");

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

    /// <summary>Bytes of live tables plus the live WAL files.</summary>
    public long DiskBytes
    {
        get
        {
            Version v;
            long wal;
            lock (_state)
            {
                v = _version;
                wal = _wal.BytesWritten;
            }
            return v.AllTables.Sum(t => t.Meta.FileSize) + wal;
        }
    }

    /// <summary>Closes the tree. Nothing is lost: the memtable's contents are in the WAL, replayed on the next open.
    /// After a simulated crash nothing more is written, as after a kill.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        lock (_state)
        {
            _closing = true;
            Monitor.PulseAll(_state);
        }
        _background?.Join();
        lock (_state) _disposed = true;
        _wal.Dispose();
        foreach (var t in _version.AllTables) t.Reader.Dispose();
        foreach (var r in _obsolete) r.Dispose();
        _lockFile.Dispose();
    }
}
