using System.Security.Cryptography;

namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>
/// DVC's content-addressed cache: every file version is stored once, under the md5 of its bytes, at
/// <c>files/md5/&lt;first two hex digits&gt;/&lt;other thirty&gt;</c> (DVC 3's layout). Reading an object back recomputes
/// its hash, so a corrupt entry (a flipped bit, a truncated copy) is detected instead of being checked out.
/// </summary>
public sealed class ContentCache(string root, CacheBug bug = CacheBug.None)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The md5 of a file's bytes, as 32 lower-case hex digits (what DVC records).</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    /// <summary>Where the object with this md5 lives (whether or not it is there).</summary>
    public string ObjectPath(string md5)
    {
        if (md5.Length != 32 || !md5.All(Uri.IsHexDigit)) throw new ArgumentException($"'{md5}' is not an md5 in hex.", nameof(md5));
        return Path.Combine(Root, "files", "md5", md5[..2], md5[2..]);
    }

    public bool Contains(string md5) => File.Exists(ObjectPath(md5));

    /// <summary>Every md5 stored, in order.</summary>
    public IReadOnlyList<string> Objects()
    {
        var dir = Path.Combine(Root, "files", "md5");
        if (!Directory.Exists(dir)) return [];
        return [.. Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f))! + Path.GetFileName(f))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Copies a file into the cache (once per content) and returns its md5.</summary>
    public string Store(string sourcePath)
    {
        var md5 = HashFile(sourcePath);
        var target = ObjectPath(md5);
        if (File.Exists(target) && Verify(md5)) return md5;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".tmp";
        File.Copy(sourcePath, temp, overwrite: true);
        File.Move(temp, target, overwrite: true);
        return md5;
    }

    /// <summary>Copies an object that another cache (a remote) holds into this one, verified on arrival.</summary>
    public void Import(ContentCache from, string md5)
    {
        var target = ObjectPath(md5);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".tmp";
        from.CopyTo(md5, temp);
        File.Move(temp, target, overwrite: true);
    }

    /// <summary>Whether the object is present and its content still hashes to its name.</summary>
    public bool Verify(string md5)
    {
        var path = ObjectPath(md5);
        if (!File.Exists(path)) return false;
        return bug == CacheBug.TrustStoredObjects || HashFile(path) == md5;
    }

    /// <summary>The stored objects whose content no longer matches their md5.</summary>
    public IReadOnlyList<string> FindCorrupt() => [.. Objects().Where(md5 => !Verify(md5))];

    /// <summary>Writes the object's bytes to <paramref name="destination"/>, after checking them against the md5.</summary>
    /// <exception cref="FileNotFoundException">The cache does not hold the object.</exception>
    /// <exception cref="CorruptCacheEntryException">The object's content does not hash to its md5 (nothing is written).</exception>
    public void CopyTo(string md5, string destination)
    {
        var path = ObjectPath(md5);
        if (!File.Exists(path)) throw new FileNotFoundException($"The cache at {Root} has no object {md5}.", path);
        if (bug == CacheBug.TrustStoredObjects)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
            File.Copy(path, destination, overwrite: true);
            return;
        }
        CopyVerified(path, md5, destination);
    }

    /// <summary>Reads the object's bytes, checks that they hash to <paramref name="md5"/>, and only then writes them.</summary>
    private static void CopyVerified(string path, string md5, string destination)
    {
        #region Exercise 3.2-1a: read a cache object back only if its content still hashes to its name (tests: ContentCacheTests, DataRepositoryTests, ModelServingExperimentTests)
        var bytes = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(MD5.HashData(bytes));
        if (actual != md5) throw new CorruptCacheEntryException(md5, actual, path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(destination));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllBytes(destination, bytes);
        #endregion
    }
}
