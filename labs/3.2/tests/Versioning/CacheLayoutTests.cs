using System.Text;
using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps.Tests.Versioning;

/// <summary>Storing into the cache: its layout, deduplication and repair (no reading back).</summary>
[Goal("3.2-1")]
public sealed class CacheLayoutTests : IDisposable
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
    public void An_object_is_stored_once_under_the_md5_of_its_bytes_in_dvc_layout()
    {
        var cache = new ContentCache(_folder.Combine("cache"));
        var md5 = cache.Store(WriteFile("a.txt", "hello\n"));
        Assert.Equal("b1946ac92492d2347c6235b4d2611184", md5); // md5sum of "hello\n"
        Assert.Equal(_folder.Combine("cache", "files", "md5", "b1", "946ac92492d2347c6235b4d2611184"), cache.ObjectPath(md5));
        Assert.Equal(md5, cache.Store(WriteFile("b.txt", "hello\n")));
        Assert.Equal([md5], cache.Objects());
    }

    [Fact]
    public void Storing_a_good_copy_over_a_corrupt_entry_repairs_it()
    {
        var cache = new ContentCache(_folder.Combine("cache"));
        var source = WriteFile("a.txt", "data v1");
        var md5 = cache.Store(source);
        File.WriteAllBytes(cache.ObjectPath(md5), Encoding.UTF8.GetBytes("data v2"));
        Assert.False(cache.Verify(md5));
        Assert.Equal(md5, cache.Store(source));
        Assert.True(cache.Verify(md5));
    }
}
