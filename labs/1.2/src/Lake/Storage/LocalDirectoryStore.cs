namespace StatelessMind.Labs.Lifecycle.Lake.Storage;

/// <summary>
/// The object store as a local folder: a key is a relative path. A put writes a temporary file and renames it over the
/// key (readers never see half an object); put-if-absent creates the file with <see cref="FileMode.CreateNew"/>
/// (O_CREAT|O_EXCL: atomic against every other writer of the same file system).
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
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        await using (stream) await stream.WriteAsync(data, cancellationToken);
        return true;
    }

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
