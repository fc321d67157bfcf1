using System.Text;
using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps.Tests.Versioning;

[Goal("3.2-1")]
public sealed class ContentCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string WriteFile(string name, string text)
    {
        var path = _folder.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reading_an_object_back_gives_its_bytes()
    {
        var cache = new ContentCache(_folder.Combine("cache"));
        var md5 = cache.Store(WriteFile("a.txt", "versioned data"));
        cache.CopyTo(md5, _folder.Combine("out", "copy.txt"));
        Assert.Equal("versioned data", File.ReadAllText(_folder.Combine("out", "copy.txt")));
        Assert.Throws<FileNotFoundException>(() => cache.CopyTo(new string('0', 32), _folder.Combine("none.txt")));
    }

    [Fact]
    public void A_corrupt_entry_is_refused_and_reported()
    {
        Assert.Null(CorruptionEscapes(CacheBug.None, _folder));
    }

    /// <summary>The property: after a byte of a cached object flips, reading it raises and the scan names it. Returns
    /// how the cache let the corruption through, or null when it did not.</summary>
    internal static string? CorruptionEscapes(CacheBug bug, TempFolder folder)
    {
        var cache = new ContentCache(folder.Combine($"cache-{bug}"), bug);
        var source = folder.Combine($"source-{bug}.txt");
        File.WriteAllText(source, "sepal,petal\n5.1,1.4\n");
        var md5 = cache.Store(source);
        var path = cache.ObjectPath(md5);
        var bytes = File.ReadAllBytes(path);
        bytes[3] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var problems = new List<string>();
        if (!cache.FindCorrupt().SequenceEqual([md5])) problems.Add("the scan did not name the corrupt object");
        if (cache.Verify(md5)) problems.Add("Verify accepted it");
        try
        {
            cache.CopyTo(md5, folder.Combine($"restored-{bug}.txt"));
            problems.Add("the corrupt bytes were served by CopyTo");
        }
        catch (CorruptCacheEntryException e)
        {
            if (e.ExpectedMd5 != md5 || e.ActualMd5 == md5) problems.Add("the exception named the wrong hashes");
        }
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
