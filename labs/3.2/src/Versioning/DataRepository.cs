namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>
/// A workspace under DVC's model: data files are tracked by <c>.dvc</c> metafiles beside them (what git would version),
/// their contents live in the content-addressed cache <c>.dvc/cache</c>, and a remote (a folder, laid out as a cache)
/// receives <see cref="Push"/>ed objects and gives them back on <see cref="Pull"/>.
/// </summary>
public sealed class DataRepository
{
    public DataRepository(string workspace, CacheBug bug = CacheBug.None)
    {
        Workspace = Path.GetFullPath(workspace);
        Directory.CreateDirectory(Workspace);
        Bug = bug;
        Cache = new ContentCache(Path.Combine(Workspace, ".dvc", "cache"), bug);
    }

    public string Workspace { get; }
    public ContentCache Cache { get; }
    public CacheBug Bug { get; }

    /// <summary>The absolute path of a workspace-relative path.</summary>
    public string PathOf(string relativePath) => Path.Combine(Workspace, relativePath);

    /// <summary><c>dvc add</c>: stores the file's content in the cache and writes <c>&lt;file&gt;.dvc</c> beside it.</summary>
    public DvcMetafile Add(string relativePath)
    {
        var full = PathOf(relativePath);
        if (!File.Exists(full)) throw new FileNotFoundException($"No file {relativePath} in {Workspace} to add.", full);
        var md5 = Cache.Store(full);
        var meta = new DvcMetafile(md5, new FileInfo(full).Length, Path.GetFileName(full));
        File.WriteAllText(full + ".dvc", meta.ToYaml());
        return meta;
    }

    /// <summary><c>dvc commit</c>: records the current content of an already-tracked file (a new data version).</summary>
    public DvcMetafile Commit(string relativePath)
    {
        if (!File.Exists(PathOf(relativePath) + ".dvc")) throw new InvalidOperationException($"{relativePath} is not tracked (no {relativePath}.dvc): add it first.");
        return Add(relativePath);
    }

    /// <summary>The metafile that tracks a file.</summary>
    public DvcMetafile Metafile(string relativePath) => DvcMetafile.Parse(File.ReadAllText(PathOf(relativePath) + ".dvc"));

    /// <summary>Whether the workspace file differs from (or lacks) the version its <c>.dvc</c> file records.</summary>
    public bool IsModified(string relativePath)
    {
        var full = PathOf(relativePath);
        return !File.Exists(full) || ContentCache.HashFile(full) != Metafile(relativePath).Md5;
    }

    /// <summary><c>dvc checkout</c>: makes the workspace file the version its <c>.dvc</c> file records, from the cache
    /// (verified: a corrupt entry raises <see cref="CorruptCacheEntryException"/> and leaves the file alone).</summary>
    /// <returns>Whether the file had to be written.</returns>
    public bool Checkout(string relativePath)
    {
        if (!IsModified(relativePath)) return false;
        var meta = Metafile(relativePath);
        var full = PathOf(relativePath);
        var temp = full + ".checkout";
        Cache.CopyTo(meta.Md5, temp);
        File.Move(temp, full, overwrite: true);
        return true;
    }

    /// <summary><c>dvc push</c>: copies every cache object the remote lacks (or holds corrupt) to it, each verified on the way.</summary>
    /// <returns>The number of objects sent.</returns>
    public int Push(string remoteFolder)
    {
        var remote = new ContentCache(remoteFolder, Bug);
        var sent = 0;
        foreach (var md5 in Cache.Objects())
        {
            if (remote.Verify(md5)) continue;
            remote.Import(Cache, md5);
            sent++;
        }
        return sent;
    }

    /// <summary><c>dvc pull</c>: fetches, for each tracked file, the object its <c>.dvc</c> file names when the cache lacks
    /// it or holds it corrupt, then checks the files out.</summary>
    /// <returns>The number of objects fetched.</returns>
    public int Pull(string remoteFolder, params string[] relativePaths)
    {
        var remote = new ContentCache(remoteFolder, Bug);
        var fetched = 0;
        foreach (var path in relativePaths)
        {
            var md5 = Metafile(path).Md5;
            if (Cache.Verify(md5)) continue;
            if (!remote.Contains(md5)) throw new FileNotFoundException($"The remote {remoteFolder} has no object {md5} for {path}.");
            Cache.Import(remote, md5);
            fetched++;
        }
        foreach (var path in relativePaths) Checkout(path);
        return fetched;
    }
}
