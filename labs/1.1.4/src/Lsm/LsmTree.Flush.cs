namespace StatelessMind.Labs.Storage.Lsm;

public sealed partial class LsmTree
{
    /// <summary>Freezes the memtable and waits until it is written to level 0.</summary>
    public void Flush()
    {
        _writeQueue.Submit(new WriteQueue.Writer([], forceFlush: true), MakeRoom, CommitGroup);
        lock (_state)
        {
            while (_imm is not null && _failure is null) Monitor.Wait(_state);
            ThrowIfFailed();
        }
    }

    /// <summary>Writes every key's newest entry of <paramref name="memtable"/> (tombstones included) to a new level-0
    /// table, synced before it returns.</summary>
    private TableHandle WriteLevel0Table(Memtable memtable)
    {
        var number = Interlocked.Increment(ref _nextFileNumber) - 1;
        TableMeta meta;
        using (var writer = new SSTableWriter(_files, TablePath(number), number, 0, _options))
        {
            var it = memtable.NewIterator(long.MaxValue);
            for (it.SeekToFirst(); it.Valid; it.Next()) writer.Add(it.Key, it.Kind, it.Value);
            meta = writer.Finish();
        }
        Interlocked.Add(ref _flushBytes, meta.FileSize);
        Interlocked.Increment(ref _flushes);
        return OpenTable(meta);
    }

    private TableHandle OpenTable(TableMeta meta) =>
        new(meta, SSTableReader.Open(_files, TablePath(meta.FileNumber)), t => DeleteQuietly(_files, TablePath(t.Meta.FileNumber)));

    /// <summary>Writes the immutable memtable as a level-0 table, then the manifest (which no longer needs its WAL),
    /// then installs the new version and deletes the WAL.</summary>
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
        }
        catch
        {
            table.Release();
            throw;
        }
        try
        {
            WriteManifest(version, liveLog);
            CrashPoint(CrashPoints.FlushManifestWritten);
        }
        catch
        {
            version.Unref();
            throw;
        }
        Install(version, () => _imm = null);
        DeleteQuietly(_files, WalPath(imm.WalNumber)); // the manifest no longer needs it; Open removes it if this fails
    }

    /// <summary>Makes <paramref name="next"/> the current version (and runs <paramref name="alsoUnderLock"/> in the same
    /// critical section), wakes whoever waits for the tree's state, and drops the tree's reference to the old version:
    /// its tables close once no reader holds it.</summary>
    private void Install(Version next, Action? alsoUnderLock = null, bool pulse = true)
    {
        Version old;
        lock (_state)
        {
            old = _version;
            _version = next;
            alsoUnderLock?.Invoke();
            if (pulse) Monitor.PulseAll(_state);
        }
        old.Unref();
    }

    private void Install(Version next, bool pulse) => Install(next, null, pulse);

    private void WriteManifest(Version version, long logNumber) =>
        new Manifest(Interlocked.Read(ref _nextFileNumber), logNumber, Volatile.Read(ref _visibleSequence), version.Metas())
            .Write(_files, _directory, _options.CrashAt is null ? null : CrashHook);
}
