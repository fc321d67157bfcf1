using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps.Tests.Versioning;

/// <summary>The planted bugs of the cache and the pipeline, each caught by the property check of its component tests.</summary>
[Goal("3.2-1")]
public sealed class PlantedVersioningBugTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Planted_bug_trusting_stored_objects_serves_a_corrupt_entry_and_the_check_catches_it()
    {
        var escape = ContentCacheTests.CorruptionEscapes(CacheBug.TrustStoredObjects, _folder);
        Assert.NotNull(escape);
        Assert.Contains("served", escape, StringComparison.Ordinal);
    }

    [Fact]
    public void Planted_bug_rerunning_unchanged_stages_is_caught()
    {
        var violations = PipelineTests.ReproViolations(PipelineBug.RerunUnchangedStages, _folder);
        Assert.Contains(violations, v => v.StartsWith("nothing changed", StringComparison.Ordinal));
    }

    [Fact]
    public void Planted_bug_comparing_only_dependency_paths_skips_changed_stages_and_is_caught()
    {
        var violations = PipelineTests.ReproViolations(PipelineBug.CompareDependencyPathsOnly, _folder);
        Assert.Contains(violations, v => v.StartsWith("in.txt changed:", StringComparison.Ordinal));
    }
}
