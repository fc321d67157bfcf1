using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps.Tests.Versioning;

[Goal("3.2-1")]
public sealed class DataRepositoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Checkout_restores_the_version_a_dvc_file_names()
    {
        var repo = new DataRepository(_folder.Combine("ws"));
        File.WriteAllText(repo.PathOf("d.csv"), "version 1");
        repo.Add("d.csv");
        var v1 = File.ReadAllText(repo.PathOf("d.csv.dvc"));
        File.WriteAllText(repo.PathOf("d.csv"), "version 2, longer");
        Assert.True(repo.IsModified("d.csv"));
        var v2 = repo.Commit("d.csv");
        Assert.False(repo.IsModified("d.csv"));
        Assert.False(repo.Checkout("d.csv"));

        File.WriteAllText(repo.PathOf("d.csv.dvc"), v1);
        Assert.True(repo.Checkout("d.csv"));
        Assert.Equal("version 1", File.ReadAllText(repo.PathOf("d.csv")));
        File.WriteAllText(repo.PathOf("d.csv.dvc"), v2.ToYaml());
        File.Delete(repo.PathOf("d.csv"));
        Assert.True(repo.Checkout("d.csv"));
        Assert.Equal("version 2, longer", File.ReadAllText(repo.PathOf("d.csv")));
        Assert.Throws<InvalidOperationException>(() => repo.Commit("untracked.csv"));
    }

    [Fact]
    public void Checkout_of_a_corrupt_cache_entry_fails_and_leaves_the_workspace_file()
    {
        var repo = new DataRepository(_folder.Combine("ws"));
        File.WriteAllText(repo.PathOf("d.csv"), "version 1");
        var v1 = repo.Add("d.csv");
        File.WriteAllText(repo.PathOf("d.csv"), "version 2");
        repo.Commit("d.csv");
        File.WriteAllText(repo.Cache.ObjectPath(v1.Md5), "version X");
        File.WriteAllText(repo.PathOf("d.csv.dvc"), v1.ToYaml());
        Assert.Throws<CorruptCacheEntryException>(() => repo.Checkout("d.csv"));
        Assert.Equal("version 2", File.ReadAllText(repo.PathOf("d.csv")));
    }

    [Fact]
    public void Push_then_pull_into_a_fresh_workspace_gives_the_same_bytes_and_repairs_corruption()
    {
        var repo = new DataRepository(_folder.Combine("ws"));
        var remote = _folder.Combine("remote");
        File.WriteAllText(repo.PathOf("d.csv"), "version 1");
        repo.Add("d.csv");
        File.WriteAllText(repo.PathOf("d.csv"), "version 2");
        var v2 = repo.Commit("d.csv");
        Assert.Equal(2, repo.Push(remote));
        Assert.Equal(0, repo.Push(remote));

        var clone = new DataRepository(_folder.Combine("clone"));
        File.WriteAllText(clone.PathOf("d.csv.dvc"), v2.ToYaml());
        Assert.Equal(1, clone.Pull(remote, "d.csv"));
        Assert.Equal("version 2", File.ReadAllText(clone.PathOf("d.csv")));
        Assert.Equal(0, clone.Pull(remote, "d.csv"));

        File.WriteAllText(clone.Cache.ObjectPath(v2.Md5), "version 9");
        File.Delete(clone.PathOf("d.csv"));
        Assert.Equal(1, clone.Pull(remote, "d.csv"));
        Assert.Equal("version 2", File.ReadAllText(clone.PathOf("d.csv")));
        Assert.Empty(clone.Cache.FindCorrupt());
    }
}
