using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps.Tests.Versioning;

[Goal("3.2-1")]
public sealed class DvcMetafileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Add_writes_a_dvc_file_with_md5_size_and_path()
    {
        var repo = new DataRepository(_folder.Combine("ws"));
        Directory.CreateDirectory(repo.PathOf("data"));
        File.WriteAllText(repo.PathOf("data/rows.csv"), "a,b\n1,2\n");
        var meta = repo.Add("data/rows.csv");
        Assert.Equal(new DvcMetafile(ContentCache.HashFile(repo.PathOf("data/rows.csv")), 8, "rows.csv"), meta);
        var text = File.ReadAllText(repo.PathOf("data/rows.csv.dvc"));
        Assert.Contains($"- md5: {meta.Md5}", text, StringComparison.Ordinal);
        Assert.Contains("  size: 8", text, StringComparison.Ordinal);
        Assert.Contains("  path: rows.csv", text, StringComparison.Ordinal);
        Assert.Equal(meta, DvcMetafile.Parse(text));
        Assert.True(repo.Cache.Verify(meta.Md5));
        Assert.Throws<FormatException>(() => DvcMetafile.Parse("stages: {}"));
    }
}
