using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps.Tests.Versioning;

[Goal("3.2-1")]
public sealed class PipelineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>upper: in.txt → upper.txt (upper-cased); count: upper.txt → count.txt; side: other.txt → side.txt.</summary>
    private static IReadOnlyList<PipelineStage> Stages(string upperCommand = "upper-case in.txt") =>
    [
        new("upper", upperCommand, ["in.txt"], ["out/upper.txt"], ws => File.WriteAllText(Path.Combine(ws, "out/upper.txt"), File.ReadAllText(Path.Combine(ws, "in.txt")).ToUpperInvariant())),
        new("count", "count characters", ["out/upper.txt"], ["out/count.txt"], ws => File.WriteAllText(Path.Combine(ws, "out/count.txt"), File.ReadAllText(Path.Combine(ws, "out/upper.txt")).Length.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        new("side", "copy other.txt", ["other.txt"], ["out/side.txt"], ws => File.Copy(Path.Combine(ws, "other.txt"), Path.Combine(ws, "out/side.txt"))),
    ];

    /// <summary>The property, over a scripted history of changes: each reproduction runs exactly the stages whose inputs,
    /// outputs or command changed. Returns the reproductions that ran something else.</summary>
    internal static List<string> ReproViolations(PipelineBug bug, TempFolder folder)
    {
        var repo = new DataRepository(folder.Combine($"ws-{bug}"));
        File.WriteAllText(repo.PathOf("in.txt"), "abc");
        File.WriteAllText(repo.PathOf("other.txt"), "side input");
        var pipeline = new Pipeline(Stages(), bug);
        var violations = new List<string>();
        void Expect(string step, PipelineRun run, params string[] expected)
        {
            if (!run.Ran.SequenceEqual(expected)) violations.Add($"{step}: ran [{string.Join(", ", run.Ran)}], expected [{string.Join(", ", expected)}]");
        }
        Expect("first run", pipeline.Reproduce(repo), "upper", "count", "side");
        Expect("nothing changed", pipeline.Reproduce(repo));
        File.WriteAllText(repo.PathOf("in.txt"), "abcd");
        Expect("in.txt changed", pipeline.Reproduce(repo), "upper", "count");
        File.WriteAllText(repo.PathOf("in.txt"), "ABCD");
        Expect("in.txt changed, upper.txt the same", pipeline.Reproduce(repo), "upper");
        File.WriteAllText(repo.PathOf("other.txt"), "side input, second version");
        Expect("other.txt changed", pipeline.Reproduce(repo), "side");
        File.Delete(repo.PathOf("out/count.txt"));
        Expect("an output deleted", pipeline.Reproduce(repo), "count");
        File.WriteAllText(repo.PathOf("out/count.txt"), "999");
        Expect("an output edited by hand", pipeline.Reproduce(repo), "count");
        Expect("the command changed", new Pipeline(Stages("upper-case in.txt, v2"), bug).Reproduce(repo), "upper");
        if (File.ReadAllText(repo.PathOf("out/count.txt")) != "4") violations.Add("count.txt is not up to date at the end");
        return violations;
    }

    [Fact]
    public void Only_the_stages_whose_inputs_outputs_or_command_changed_run()
    {
        Assert.Empty(ReproViolations(PipelineBug.None, _folder));
    }

    [Fact]
    public void Planted_bug_rerunning_unchanged_stages_is_caught()
    {
        var violations = ReproViolations(PipelineBug.RerunUnchangedStages, _folder);
        Assert.Contains(violations, v => v.StartsWith("nothing changed", StringComparison.Ordinal));
    }

    [Fact]
    public void Planted_bug_comparing_only_dependency_paths_skips_changed_stages_and_is_caught()
    {
        var violations = ReproViolations(PipelineBug.CompareDependencyPathsOnly, _folder);
        Assert.Contains(violations, v => v.StartsWith("in.txt changed:", StringComparison.Ordinal));
    }

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
