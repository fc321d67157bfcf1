namespace StatelessMind.Labs.Storage.Lsm.Files;

/// <summary>
/// A file system in memory that knows what a crash would keep, in the spirit of LevelDB's fault-injection test
/// environment. It holds two states: what the operating system has (every write, create, rename and delete so far)
/// and what is durable (each file's bytes up to its last sync; each directory's names as of its last sync).
/// <list type="bullet">
/// <item><see cref="Crash"/> with <c>powerLoss: false</c> is a process kill: the OS state stays, every handle and
/// lock of the killed process dies, and any further call through that process's view throws.</item>
/// <item>With <c>powerLoss: true</c> it is a power cut: each directory goes back to the names it had at its last
/// sync, and each file to the bytes it had at its last sync (optionally keeping a random prefix of the unsynced
/// appends: a torn write). A file whose name was never made durable is gone, whatever was synced into it.</item>
/// </list>
/// A process (a tree, and its reopenings) uses the file system through <see cref="NewProcess"/>.
/// </summary>
internal sealed class FaultInjectionFileSystem
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, Inode>> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Inode>> _durable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);
    private readonly List<Inode> _openUnlinked = [];
    private int _generation;

    private sealed class Inode(string directory)
    {
        public string Directory = directory;
        public byte[] Data = new byte[4096];
        public int Length;
        public int SyncedLength; // bytes [0, SyncedLength) survive a power cut; the rest only a process kill
        public int Links = 1;
        public int OpenHandles;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (Length + bytes.Length > Data.Length) Array.Resize(ref Data, Math.Max(Data.Length * 2, Length + bytes.Length));
            bytes.CopyTo(Data.AsSpan(Length));
            Length += bytes.Length;
        }
    }

    /// <summary>Makes the next matching operation of any process fail with an <see cref="IOException"/>, as a disk error
    /// would (an append writes half its bytes first). Return true to fail.</summary>
    public Func<FileOperation, string, bool>? FailWhen { get; set; }

    /// <summary>Crashes so far (process kills and power cuts).</summary>
    public int Crashes { get; private set; }

    /// <summary>A view for one incarnation of a process; it dies at the next <see cref="Crash"/>.</summary>
    public IFileSystem NewProcess()
    {
        lock (_gate) return new ProcessView(this, _generation);
    }

    /// <summary>Kills the process (every view so far); with <paramref name="powerLoss"/>, also drops everything not
    /// made durable. <paramref name="tornWrites"/>: keep a random prefix of each file's unsynced bytes instead of none.</summary>
    public void Crash(bool powerLoss, Random? tornWrites = null)
    {
        lock (_gate)
        {
            _generation++;
            Crashes++;
            _locked.Clear();
            _openUnlinked.Clear();
            foreach (var inode in _live.Values.SelectMany(d => d.Values)) inode.OpenHandles = 0;
            if (!powerLoss) return;
            foreach (var (directory, names) in _durable)
            {
                _live[directory] = new Dictionary<string, Inode>(names, StringComparer.Ordinal);
                foreach (var inode in names.Values)
                {
                    var unsynced = inode.Length - inode.SyncedLength;
                    inode.Length = inode.SyncedLength + (tornWrites is null || unsynced <= 0 ? 0 : tornWrites.Next(unsynced + 1));
                    inode.SyncedLength = inode.Length;
                    inode.Links = 1;
                }
            }
        }
    }

    /// <summary>Bit rot: XORs one byte of a file on the medium (test helper).</summary>
    public void Corrupt(string path, long offset, byte xor)
    {
        lock (_gate)
        {
            var inode = Find(path) ?? throw new FileNotFoundException("no such file", path);
            if (offset >= inode.Length) throw new ArgumentOutOfRangeException(nameof(offset), offset, $"file is {inode.Length} bytes");
            inode.Data[offset] ^= xor;
        }
    }

    /// <summary>Cuts a file on the medium (test helper).</summary>
    public void CutTo(string path, long length)
    {
        lock (_gate)
        {
            var inode = Find(path) ?? throw new FileNotFoundException("no such file", path);
            inode.Length = (int)Math.Min(inode.Length, length);
            inode.SyncedLength = Math.Min(inode.SyncedLength, inode.Length);
        }
    }

    private Inode? Find(string path)
    {
        var (directory, name) = Split(path);
        return _live.TryGetValue(directory, out var names) && names.TryGetValue(name, out var inode) ? inode : null;
    }

    private static (string Directory, string Name) Split(string path) =>
        (Path.GetDirectoryName(path) ?? throw new ArgumentException($"'{path}' has no directory", nameof(path)), Path.GetFileName(path));

    private Dictionary<string, Inode> Directory(string directory) =>
        _live.TryGetValue(directory, out var names) ? names : throw new DirectoryNotFoundException($"no directory '{directory}'");

    private void Unlink(Inode inode)
    {
        if (--inode.Links == 0 && inode.OpenHandles > 0) _openUnlinked.Add(inode);
    }

    private sealed class ProcessView(FaultInjectionFileSystem disk, int generation) : IFileSystem
    {
        public FaultInjectionFileSystem Disk => disk;
        public int Generation => generation;

        private void Enter(FileOperation operation, string path)
        {
            if (disk._generation != generation) throw new SimulatedCrashException("process-killed");
            if (disk.FailWhen?.Invoke(operation, path) == true) throw new IOException($"Injected I/O error: {operation} of '{path}'");
        }

        public void CreateDirectory(string directory)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Create, directory);
                if (disk._live.ContainsKey(directory)) return;
                disk._live[directory] = new(StringComparer.Ordinal);
                disk._durable[directory] = new(StringComparer.Ordinal); // directories themselves are taken as durable
            }
        }

        public IReadOnlyList<string> ListFiles(string directory)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Read, directory);
                return [.. disk.Directory(directory).Keys];
            }
        }

        public bool Exists(string path)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Read, path);
                return disk.Find(path) is not null;
            }
        }

        public byte[] ReadAllBytes(string path)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Read, path);
                var inode = disk.Find(path) ?? throw new FileNotFoundException("no such file", path);
                return inode.Data.AsSpan(0, inode.Length).ToArray();
            }
        }

        public IWritableFile Create(string path, bool buffered)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Create, path);
                var (directory, name) = Split(path);
                var names = disk.Directory(directory);
                if (names.ContainsKey(name)) throw new IOException($"'{path}' already exists");
                var inode = new Inode(directory) { OpenHandles = 1 };
                names[name] = inode;
                return new WritableFile(this, path, inode);
            }
        }

        public IRandomAccessFile OpenRandomAccess(string path)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Read, path);
                var inode = disk.Find(path) ?? throw new FileNotFoundException("no such file", path);
                inode.OpenHandles++;
                return new RandomAccessFile(this, path, inode);
            }
        }

        public void Rename(string source, string destination)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Rename, source);
                var (fromDirectory, fromName) = Split(source);
                var (toDirectory, toName) = Split(destination);
                var from = disk.Directory(fromDirectory);
                if (!from.Remove(fromName, out var inode)) throw new FileNotFoundException("no such file", source);
                var to = disk.Directory(toDirectory);
                if (to.Remove(toName, out var replaced)) disk.Unlink(replaced);
                to[toName] = inode;
                inode.Directory = toDirectory;
            }
        }

        public void Delete(string path)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Delete, path);
                var (directory, name) = Split(path);
                if (disk.Directory(directory).Remove(name, out var inode)) disk.Unlink(inode);
            }
        }

        public void Truncate(string path, long length)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Truncate, path);
                var inode = disk.Find(path) ?? throw new FileNotFoundException("no such file", path);
                inode.Length = (int)Math.Min(inode.Length, length);
                inode.SyncedLength = inode.Length;
            }
        }

        public void SyncDirectory(string directory)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.SyncDirectory, directory);
                disk._durable[directory] = new Dictionary<string, Inode>(disk.Directory(directory), StringComparer.Ordinal);
            }
        }

        public IDisposable LockDirectory(string directory)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Create, directory);
                if (!disk._locked.Add(directory)) throw new IOException($"'{directory}' is locked by another open tree");
                return new DirectoryLock(this, directory);
            }
        }

        public long SpaceUsed(string directory)
        {
            lock (disk._gate)
            {
                Enter(FileOperation.Read, directory);
                return disk.Directory(directory).Values.Sum(i => (long)i.Length) +
                       disk._openUnlinked.Where(i => i.Directory == directory && i.OpenHandles > 0).Sum(i => (long)i.Length);
            }
        }

        /// <summary>Closing a handle of a killed process does nothing (its descriptors died with it).</summary>
        private void Close(Inode inode)
        {
            lock (disk._gate)
            {
                if (disk._generation != generation) return;
                if (--inode.OpenHandles == 0 && inode.Links == 0) disk._openUnlinked.Remove(inode);
            }
        }

        private sealed class DirectoryLock(ProcessView view, string directory) : IDisposable
        {
            public void Dispose()
            {
                lock (view.Disk._gate)
                    if (view.Disk._generation == view.Generation) view.Disk._locked.Remove(directory);
            }
        }

        private sealed class WritableFile(ProcessView view, string path, Inode inode) : IWritableFile
        {
            private bool _closed;

            public string Path { get; } = path;
            public long Length { get; private set; }

            public void Append(ReadOnlySpan<byte> data)
            {
                lock (view.Disk._gate)
                {
                    ObjectDisposedException.ThrowIf(_closed, this);
                    if (view.Disk._generation != view.Generation) throw new SimulatedCrashException("process-killed");
                    if (view.Disk.FailWhen?.Invoke(FileOperation.Append, Path) == true)
                    {
                        inode.Append(data[..(data.Length / 2)]); // a short write, then the error
                        Length += data.Length / 2;
                        throw new IOException($"Injected I/O error: {FileOperation.Append} of '{Path}' after {data.Length / 2} of {data.Length} bytes");
                    }
                    inode.Append(data);
                    Length += data.Length;
                }
            }

            public void Flush()
            {
                lock (view.Disk._gate)
                    if (view.Disk._generation != view.Generation) throw new SimulatedCrashException("process-killed");
            }

            public void Sync()
            {
                lock (view.Disk._gate)
                {
                    ObjectDisposedException.ThrowIf(_closed, this);
                    view.Enter(FileOperation.Sync, Path);
                    inode.SyncedLength = inode.Length;
                }
            }

            public void Dispose()
            {
                if (_closed) return;
                _closed = true;
                view.Close(inode);
            }
        }

        private sealed class RandomAccessFile(ProcessView view, string path, Inode inode) : IRandomAccessFile
        {
            private bool _closed;

            public string Path { get; } = path;
            public long Length { get; } = inode.Length;

            public int Read(Span<byte> destination, long offset)
            {
                lock (view.Disk._gate)
                {
                    ObjectDisposedException.ThrowIf(_closed, this);
                    view.Enter(FileOperation.Read, Path);
                    if (offset >= inode.Length) return 0;
                    var n = (int)Math.Min(destination.Length, inode.Length - offset);
                    inode.Data.AsSpan((int)offset, n).CopyTo(destination);
                    return n;
                }
            }

            public void Dispose()
            {
                if (_closed) return;
                _closed = true;
                view.Close(inode);
            }
        }
    }
}
