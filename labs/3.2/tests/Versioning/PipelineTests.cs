using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps.Tests.Versioning;

[Goal("3.2-1")]
public sealed class PipelineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>upper: in.txt → upper.txt (upper-cased); count: upper.txt → count.txt; side: other.txt → side.txt.</summary>
    internal static IReadOnlyList<PipelineStage> Stages(string upperCommand = "upper-case in.txt") =>
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
}
