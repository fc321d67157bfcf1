using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps.Tests.Versioning;

/// <summary>What dvc.yaml and dvc.lock hold after a run, and which pipelines are refused.</summary>
[Goal("3.2-1")]
public sealed class PipelineDefinitionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static IReadOnlyList<PipelineStage> Stages() => PipelineTests.Stages();

    [Fact]
    public void Dvc_yaml_and_dvc_lock_record_the_stages_and_the_md5s_of_their_last_run()
    {
        var repo = new DataRepository(_folder.Combine("ws"));
        File.WriteAllText(repo.PathOf("in.txt"), "abc");
        File.WriteAllText(repo.PathOf("other.txt"), "x");
        new Pipeline(Stages()).Reproduce(repo);
        var yaml = File.ReadAllText(repo.PathOf(Pipeline.DefinitionFile));
        Assert.Contains("  upper:\n    cmd: upper-case in.txt\n    deps:\n    - in.txt\n    outs:\n    - out/upper.txt\n", yaml, StringComparison.Ordinal);
        var locks = Pipeline.ReadLock(repo);
        Assert.Equal(["count", "side", "upper"], locks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new LockedFile("in.txt", ContentCache.HashFile(repo.PathOf("in.txt")), 3), locks["upper"].Deps.Single());
        var output = locks["upper"].Outs.Single();
        Assert.Equal(ContentCache.HashFile(repo.PathOf("out/upper.txt")), output.Md5);
        Assert.True(repo.Cache.Verify(output.Md5));
    }

    [Fact]
    public void A_stage_reading_a_later_stage_s_output_is_rejected()
    {
        var stages = Stages();
        var e = Assert.Throws<ArgumentException>(() => new Pipeline([stages[1], stages[0]]));
        Assert.Contains("later stage 'upper'", e.Message, StringComparison.Ordinal);
    }
}
