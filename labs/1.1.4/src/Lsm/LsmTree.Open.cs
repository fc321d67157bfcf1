namespace StatelessMind.Labs.Storage.Lsm;

public sealed partial class LsmTree
{
    /// <summary>
    /// Opens the tree in <paramref name="directory"/> (created if missing): reads the manifest and opens its tables,
    /// removes files a crash left behind, replays the WALs (cutting a torn tail), writes what they held as a level-0
    /// table and a manifest that no longer needs them, and only then starts the maintenance thread.
    /// </summary>
    /// <exception cref="CorruptionException">The manifest, a live table's footer/index/filter or a WAL record (other than a torn tail) is corrupt.</exception>
    public static LsmTree Open(string directory, LsmOptions? options = null)
    {
        options ??= new LsmOptions();
        options.Validate();
        var files = options.FileSystem;
        files.CreateDirectory(directory);
        var directoryLock = files.LockDirectory(directory);
        var version = (Version?)null;
        LsmTree? tree = null;
        try
        {
            var manifest = Manifest.Read(files, directory) ?? Manifest.Empty;
            version = OpenTables(files, directory, options, manifest);

            long maxNumber = 0;
            var logs = new List<(long Number, string Path)>();
            var live = manifest.Tables.Select(t => t.FileNumber).ToHashSet();
            foreach (var name in files.ListFiles(directory))
            {
                var path = Path.Combine(directory, name);
                if (name == Manifest.TempName) { files.Delete(path); continue; }
                if (!long.TryParse(Path.GetFileNameWithoutExtension(name), out var number)) continue;
                maxNumber = Math.Max(maxNumber, number);
                if (name.EndsWith(TableExtension, StringComparison.Ordinal) && !live.Contains(number)) files.Delete(path); // output of an interrupted flush or compaction
                else if (name.EndsWith(WalExtension, StringComparison.Ordinal))
                {
                    if (number < manifest.LogNumber) files.Delete(path); // already flushed
                    else logs.Add((number, path));
                }
            }
            manifest = manifest with { NextFileNumber = Math.Max(manifest.NextFileNumber, maxNumber + 1) };
            tree = new LsmTree(directory, options, directoryLock, manifest, version, []);
            version = null; // the tree owns it now
            if (options.BackgroundMaintenance && options.Bug == StorageBug.MaintenanceBeforeRecovery) tree.StartMaintenance(); // planted defect: too early
            var recovered = new Memtable(0, 0);
            var recovery = new List<WalRecovery>();
            foreach (var (_, path) in logs.OrderBy(l => l.Number))
                recovery.Add(WalReplay.Recover(files, path, recovered.Apply, options.Bug));
            tree.Recovery = recovery;
            tree.CrashPoint(CrashPoints.RecoveryReplayed);
            tree.FinishRecovery(recovered, recovery.Count == 0 ? manifest.LastSequence : Math.Max(manifest.LastSequence, recovery.Max(r => r.LastSequence)), [.. logs.Select(l => l.Path)]);
            if (options.BackgroundMaintenance && options.Bug != StorageBug.MaintenanceBeforeRecovery) tree.StartMaintenance();
            return tree;
        }
        catch
        {
            if (tree is not null) tree.Dispose();
            else
            {
                version?.Unref();
                directoryLock.Dispose();
            }
            throw;
        }
    }

    private static Version OpenTables(Files.IFileSystem files, string directory, LsmOptions options, Manifest manifest)
    {
        var levels = Enumerable.Range(0, options.MaxLevels).Select(_ => new List<TableHandle>()).ToArray();
        var opened = new List<SSTableReader>();
        try
        {
            foreach (var meta in manifest.Tables)
            {
                if (meta.Level >= options.MaxLevels)
                    throw new CorruptionException(Path.Combine(directory, Manifest.FileName), 0, $"table {meta.FileNumber} is at level {meta.Level}, beyond MaxLevels {options.MaxLevels}");
                var reader = SSTableReader.Open(files, Path.Combine(directory, TableMeta.FileName(meta.FileNumber)));
                opened.Add(reader);
                levels[meta.Level].Add(new TableHandle(meta, reader, t => DeleteQuietly(files, Path.Combine(directory, TableMeta.FileName(t.Meta.FileNumber)))));
            }
        }
        catch
        {
            foreach (var r in opened) r.Dispose();
            throw;
        }
        // Level 0 is kept newest first (higher file number = newer); deeper levels by key.
        levels[0].Sort((a, b) => b.Meta.FileNumber.CompareTo(a.Meta.FileNumber));
        for (var i = 1; i < levels.Length; i++) levels[i].Sort((a, b) => ByteArrayComparer.Instance.Compare(a.Meta.Smallest, b.Meta.Smallest));
        return new Version([.. levels.Select(l => (IReadOnlyList<TableHandle>)l)]);
    }

    /// <summary>Writes the replayed entries as a level-0 table and a manifest whose oldest needed WAL is the new one,
    /// then deletes the old logs. Until that manifest is durable the old logs are what holds their data.</summary>
    private void FinishRecovery(Memtable recovered, long lastSequence, List<string> oldLogs)
    {
        lock (_maintenance)
        {
            _lastSequence = lastSequence;
            Volatile.Write(ref _visibleSequence, lastSequence);
            if (!recovered.IsEmpty)
            {
                var handle = WriteLevel0Table(recovered);
                CrashPoint(CrashPoints.RecoveryTableWritten);
                Install(_version.WithFlushed(handle), pulse: false); // no thread waits yet: maintenance starts after recovery
            }
            WriteManifest(_version, _wal.Number);
            foreach (var log in oldLogs) _files.Delete(log);
        }
    }

    private void StartMaintenance()
    {
        CrashPoint(CrashPoints.MaintenanceStarting);
        _background = new Thread(BackgroundLoop) { IsBackground = true, Name = "lsm-maintenance" };
        _background.Start();
    }

    private static void DeleteQuietly(Files.IFileSystem files, string path)
    {
        try { files.Delete(path); }
        catch (Exception e) when (e is IOException or SimulatedCrashException) { /* an orphan: the next Open removes it */ }
    }
}
