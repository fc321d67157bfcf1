using Microsoft.Win32.SafeHandles;

namespace StatelessMind.Labs.Storage.Lsm.Files;

/// <summary>The real file system: FileStream for writing, pread for reading, fsync of files and directories.</summary>
internal sealed class OsFileSystem : IFileSystem
{
    public static OsFileSystem Instance { get; } = new();

    public void CreateDirectory(string directory) => System.IO.Directory.CreateDirectory(directory);

    public IReadOnlyList<string> ListFiles(string directory) =>
        [.. System.IO.Directory.EnumerateFiles(directory).Select(f => System.IO.Path.GetFileName(f))];

    public bool Exists(string path) => File.Exists(path);

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    public IWritableFile Create(string path, bool buffered) => new WritableFile(path,
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: buffered ? 256 * 1024 : 0));

    public IRandomAccessFile OpenRandomAccess(string path) =>
        new RandomAccessFile(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));

    public void Rename(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void Delete(string path) => File.Delete(path);

    public void Truncate(string path, long length)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
        f.SetLength(length);
        f.Flush(flushToDisk: true);
    }

    public void SyncDirectory(string directory) => DirectorySync.Sync(directory);

    public IDisposable LockDirectory(string directory) =>
        new FileStream(System.IO.Path.Combine(directory, "LOCK"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    /// <summary>The directory's files, plus (on Linux) files of this process that were deleted from it but are still
    /// open, found through /proc/self/fd: the kernel frees their blocks only when the last descriptor closes.</summary>
    public long SpaceUsed(string directory)
    {
        var total = System.IO.Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length);
        if (!OperatingSystem.IsLinux()) return total;
        var prefix = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(directory)) + "/";
        foreach (var fd in System.IO.Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target;
            try { target = new FileInfo(fd).LinkTarget; }
            catch (IOException) { continue; } // the descriptor closed meanwhile
            if (target is null || !target.StartsWith(prefix, StringComparison.Ordinal) || !target.EndsWith(" (deleted)", StringComparison.Ordinal)) continue;
            try
            {
                using var handle = File.OpenHandle(fd, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                total += RandomAccess.GetLength(handle);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* closed meanwhile */ }
        }
        return total;
    }

    private sealed class WritableFile(string path, FileStream stream) : IWritableFile
    {
        public string Path { get; } = path;
        public long Length { get; private set; }

        public void Append(ReadOnlySpan<byte> data)
        {
            stream.Write(data);
            Length += data.Length;
        }

        public void Flush() => stream.Flush(flushToDisk: false);

        public void Sync() => stream.Flush(flushToDisk: true);

        public void Dispose() => stream.Dispose();
    }

    private sealed class RandomAccessFile(string path, SafeFileHandle handle) : IRandomAccessFile
    {
        public string Path { get; } = path;
        public long Length { get; } = RandomAccess.GetLength(handle);

        public int Read(Span<byte> destination, long offset) => RandomAccess.Read(handle, destination, offset);

        public void Dispose() => handle.Dispose();
    }
}
