namespace StatelessMind.Labs.Storage.Lsm;

public sealed partial class LsmTree
{
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) =>
        Submit([new WriteOperation(key.ToArray(), ValueKind.Value, value.ToArray())]);

    public void Delete(ReadOnlySpan<byte> key) => Submit([new WriteOperation(key.ToArray(), ValueKind.Deletion, [])]);

    /// <summary>Applies the operations (value null = delete; an empty value is a value) as one WAL record: after a crash
    /// all or none are there, and readers see all or none. The tree keeps copies: the caller may reuse the arrays.
    /// Returns when the record is acknowledged (see <see cref="WalSyncMode"/>).</summary>
    /// <exception cref="IOException">The tree failed earlier (it refuses writes until reopened), or this write failed; then it failed too.</exception>
    public void Write(IReadOnlyList<(byte[] Key, byte[]? Value)> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var batch = new WriteOperation[operations.Count];
        var share = _options.Bug == StorageBug.SharedBuffers; // planted defect: keeps the caller's arrays
        for (var i = 0; i < batch.Length; i++)
        {
            var (key, value) = operations[i];
            ArgumentNullException.ThrowIfNull(key, $"operations[{i}].Key");
            batch[i] = value is null
                ? new WriteOperation(share ? key : key.AsSpan().ToArray(), ValueKind.Deletion, [])
                : new WriteOperation(share ? key : key.AsSpan().ToArray(), ValueKind.Value, share ? value : value.AsSpan().ToArray());
        }
        Submit(batch);
    }

    private void Submit(IReadOnlyList<WriteOperation> batch) => _writeQueue.Submit(new WriteQueue.Writer(batch, forceFlush: false), MakeRoom, CommitGroup);

    /// <summary><see cref="MakeRoomForWrite"/>; any failure in it (a WAL that cannot be created, an inline flush that
    /// fails) stops the tree for writes.</summary>
    private void MakeRoom(bool force)
    {
        try
        {
            MakeRoomForWrite(force);
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            Fail(e);
            throw;
        }
    }

    /// <summary>The leader's work for its group: number the operations, append one WAL record per batch with one write
    /// (and one fsync), apply them to the memtable, then publish the new sequence number to readers.</summary>
    private void CommitGroup(IReadOnlyList<WriteQueue.Writer> group)
    {
        _walBuffer.Clear();
        var sequence = _lastSequence;
        long userBytes = 0, puts = 0, deletes = 0;
        foreach (var w in group)
        {
            if (w.Batch.Count == 0) continue;
            WriteAheadLog.EncodeRecord(_walBuffer, sequence + 1, w.Batch);
            sequence += w.Batch.Count;
            userBytes += w.Bytes;
            foreach (var op in w.Batch)
                if (op.Kind == ValueKind.Deletion) deletes++; else puts++;
        }
        if (_walBuffer.Length == 0) return;
        var sync = _options.WalSync == WalSyncMode.Fsync;
        try
        {
            _wal.Append(_walBuffer.Written, sync);
        }
        catch (Exception e)
        {
            // Sticky: the log may now end in a partial record, so nothing more may be appended to it.
            if (_options.Bug != StorageBug.IoErrorsNotSticky || e is SimulatedCrashException) Fail(e);
            throw;
        }
        Interlocked.Add(ref _walBytes, _walBuffer.Length);
        if (sync) Interlocked.Increment(ref _walSyncs);
        Interlocked.Increment(ref _writeGroups);
        var s = _lastSequence;
        foreach (var w in group)
            foreach (var op in w.Batch)
                _mem.Apply(++s, op.Key, op.Kind, op.Value);
        _lastSequence = sequence;
        Volatile.Write(ref _visibleSequence, sequence);
        Interlocked.Add(ref _userBytes, userBytes);
        Interlocked.Add(ref _puts, puts);
        Interlocked.Add(ref _deletes, deletes);
    }

    /// <summary>Makes sure the memtable has room: freezes a full one (waiting while the previous one is still being
    /// flushed, or while level 0 has too many tables) and, without a background thread, flushes and compacts inline.</summary>
    private void MakeRoomForWrite(bool force)
    {
        while (true)
        {
            lock (_state)
            {
                ThrowIfFailed();
                var full = _mem.ApproximateBytes >= _options.MemtableBytes || (force && !_mem.IsEmpty);
                if (_options.BackgroundMaintenance)
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
                while (CompactionPicker.Pick(_version, _options) is { } job) RunCompaction(job);
            }
            return;
        }
    }

    /// <summary>Under _state: the memtable becomes immutable and a new WAL backs the new one (its name made durable
    /// before any write is acknowledged from it).</summary>
    private void SwitchMemtable()
    {
        var number = Interlocked.Increment(ref _nextFileNumber) - 1;
        var wal = WriteAheadLog.Create(_files, WalPath(number), number);
        if (_options.WalSync == WalSyncMode.Fsync) _files.SyncDirectory(_directory);
        _wal.Dispose();
        _wal = wal;
        _imm = _mem;
        _mem = new Memtable(number, ++_memtableSeed, _options.Bug);
    }
}
