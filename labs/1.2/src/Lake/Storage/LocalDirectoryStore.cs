using System.Runtime.InteropServices;

namespace StatelessMind.Labs.Lifecycle.Lake.Storage;

/// <summary>
/// The object store as a local folder: a key is a relative path. A put writes a temporary file and renames it over the
/// key (readers never see half an object); put-if-absent writes a temporary file and moves it to the key without
/// overwriting (atomic against every other writer of the same file system).
/// </summary>
public sealed class LocalDirectoryStore(string root) : IObjectStore
{
    public string Root { get; } = Directory.CreateDirectory(root).FullName;

    public string Description => $"a local folder ({Root})";

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, data.ToArray(), cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The whole object is written first, then given its name without overwriting (link(2) on Linux fails when the
        // name exists): a reader never sees a created but half-written commit, and of two writers exactly one wins.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, data.ToArray(), cancellationToken);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                try
                {
                    File.Move(temp, path, overwrite: false); // MoveFileEx without REPLACE_EXISTING: atomic there
                    return true;
                }
                catch (IOException) when (File.Exists(path))
                {
                    return false;
                }
            }
            // .NET's File.Move(overwrite: false) checks and then renames on Unix, which two writers can both pass;
            // link(2) itself fails with EEXIST when the name exists.
            if (Link(temp, path) == 0) return true;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EEXIST) return false;
            throw new IOException($"link({temp}, {path}) failed with errno {errno}.");
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private const int EEXIST = 17;

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string newName);

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public Task<IReadOnlyList<ObjectEntry>> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default)
    {
        var entries = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => new ObjectEntry(Path.GetRelativePath(Root, f).Replace('\\', '/'), new FileInfo(f).Length))
            .Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)
                        && (startAfter is null || string.CompareOrdinal(e.Key, startAfter) > 0))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<ObjectEntry>>(entries);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        if (key.Length == 0 || key.StartsWith('/') || key.Split('/').Contains(".."))
            throw new ArgumentException($"'{key}' is not a relative object key.", nameof(key));
        return Path.Combine(Root, key);
    }
}
