namespace StatelessMind.Labs.Storage.Lsm;

public sealed partial class LsmTree
{
    /// <summary>Merges the job's inputs into new tables at the output level: the newest entry of each key wins, and a
    /// tombstone is dropped when no deeper level can hold an older entry of its key. Then the manifest, then the new
    /// version; the inputs become obsolete and are deleted once no reader holds them.</summary>
    private void RunCompaction(CompactionJob job)
    {
        var all = job.AllInputs.ToList();
        var smallest = all.Select(t => t.Meta.Smallest).Min(ByteArrayComparer.Instance)!;
        var largest = all.Select(t => t.Meta.Largest).Max(ByteArrayComparer.Instance)!;
        var version = _version;
        var bottommost = Enumerable.Range(job.OutputLevel + 1, version.Levels.Length - job.OutputLevel - 1)
            .All(l => !version.Levels[l].Any(t => t.Meta.Overlaps(smallest, largest)));
        // Newest first: level-0 inputs by descending file number; a deeper level's tables are older than a shallower one's.
        var children = new List<IKeyValueIterator>();
        foreach (var group in all.GroupBy(t => t.Meta.Level).OrderBy(g => g.Key))
        {
            if (group.Key == 0) children.AddRange(group.OrderByDescending(t => t.Meta.FileNumber).Select(t => (IKeyValueIterator)t.Reader.NewIterator()));
            else children.Add(new LevelIterator([.. group.OrderBy(t => t.Meta.Smallest, ByteArrayComparer.Instance)]));
        }
        var merged = new MergingIterator(children);
        var outputs = new List<TableHandle>();
        SSTableWriter? writer = null;
        long dropped = 0;
        try
        {
            for (merged.SeekToFirst(); merged.Valid; merged.Next())
            {
                if (merged.Kind == ValueKind.Deletion && bottommost)
                {
                    dropped++;
                    continue;
                }
                if (writer is null)
                {
                    var number = Interlocked.Increment(ref _nextFileNumber) - 1;
                    writer = new SSTableWriter(_files, TablePath(number), number, job.OutputLevel, _options);
                }
                writer.Add(merged.Key, merged.Kind, merged.Value);
                if (writer.EstimatedSize >= _options.TargetFileBytes)
                {
                    outputs.Add(OpenTable(writer.Finish()));
                    writer = null;
                    if (outputs.Count == 1) CrashPoint(CrashPoints.CompactionOutputPartial);
                }
            }
            if (writer is not null)
            {
                outputs.Add(OpenTable(writer.Finish()));
                writer = null;
            }
            CrashPoint(CrashPoints.CompactionOutputsWritten);
        }
        catch
        {
            foreach (var o in outputs) o.Release();
            throw;
        }
        finally
        {
            writer?.Dispose();
        }
        var pointer = !job.Manual && job.Level > 0 ? job.Inputs.Select(t => t.Meta.Largest).Max(ByteArrayComparer.Instance) : null;
        var next = _version.WithCompacted(all, outputs, job.OutputLevel, job.Level, pointer);
        try
        {
            long oldestLog;
            lock (_state) oldestLog = _imm?.WalNumber ?? _mem.WalNumber; // the oldest WAL whose data is not in a table yet
            WriteManifest(next, oldestLog);
            CrashPoint(CrashPoints.CompactionManifestWritten);
        }
        catch
        {
            next.Unref();
            throw;
        }
        RetireInputs(all);
        Install(next);
        Interlocked.Add(ref _compactionRead, all.Sum(t => t.Meta.FileSize));
        Interlocked.Add(ref _compactionWritten, outputs.Sum(t => t.Meta.FileSize));
        Interlocked.Add(ref _tombstonesDropped, dropped);
        Interlocked.Increment(ref _compactions);
    }

    /// <summary>Marks the compaction's inputs obsolete: each is deleted when the last version listing it is released.</summary>
    private void RetireInputs(List<TableHandle> inputs)
    {
        foreach (var t in inputs)
        {
            t.Obsolete = true;
            switch (_options.Bug)
            {
                case StorageBug.ObsoleteTablesKeptOpen: // planted defect: the name goes, the open file (and its space) stays
                    t.Ref();
                    _keptOpen.Add(t);
                    DeleteQuietly(_files, TablePath(t.Meta.FileNumber));
                    break;
                case StorageBug.ObsoleteTablesClosedUnderReaders: // planted defect: closed and deleted under any reader
                    t.Release();
                    break;
            }
        }
    }

    /// <summary>Flushes the memtable and merges every table into one sorted run at the deepest used level
    /// (db_bench's "compact"): afterwards a lookup reads at most one table.</summary>
    public void CompactAll()
    {
        Flush();
        lock (_maintenance)
        {
            lock (_state) ThrowIfFailed();
            var v = _version;
            var tables = v.AllTables.ToList();
            if (tables.Count == 0) return;
            var deepest = Math.Max(1, Enumerable.Range(0, v.Levels.Length).Last(l => v.Levels[l].Count > 0));
            if (tables.All(t => t.Meta.Level == deepest)) return; // already one sorted run
            var top = tables.Where(t => t.Meta.Level < deepest).ToList();
            var bottom = tables.Where(t => t.Meta.Level == deepest).ToList();
            try
            {
                RunCompaction(new CompactionJob(top.Count > 0 ? top.Min(t => t.Meta.Level) : deepest, deepest, top, bottom, Manual: true));
            }
            catch (Exception e)
            {
                Fail(e);
                throw;
            }
        }
    }

    /// <summary>Waits until no flush is pending and, with background maintenance, no level needs compaction.</summary>
    /// <exception cref="IOException">The tree stopped after a failure.</exception>
    public void WaitForCompactions(CancellationToken cancellationToken = default)
    {
        using var wake = cancellationToken.Register(() =>
        {
            lock (_state) Monitor.PulseAll(_state);
        });
        cancellationToken.ThrowIfCancellationRequested();
        lock (_state)
        {
            while (_failure is null && (_imm is not null || (_options.BackgroundMaintenance && CompactionPicker.Pick(_version, _options) is not null)))
            {
                Monitor.Wait(_state);
                cancellationToken.ThrowIfCancellationRequested(); // before looking again: cancelling wakes every waiter, the maintenance thread too
            }
            ThrowIfFailed();
        }
    }

    private void BackgroundLoop()
    {
        try
        {
            while (true)
            {
                lock (_state)
                {
                    while (!_closing && _failure is null && _imm is null && CompactionPicker.Pick(_version, _options) is null)
                    {
                        CrashPoint(CrashPoints.MaintenanceIdle);
                        Monitor.Wait(_state);
                    }
                    if (_closing || _failure is not null) return;
                }
                lock (_maintenance)
                {
                    if (_imm is not null) FlushImmutable();
                    else if (CompactionPicker.Pick(_version, _options) is { } job) RunCompaction(job);
                }
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }
}
