using StatelessMind.Runner.Exercises;

namespace StatelessMind.Tests.Exercises;

/// <summary>What a learner's copy holds, and the requests the generator refuses (no build: see ExerciseCheckFixtureTests).</summary>
public sealed class ExerciseGeneratorTests : IDisposable
{
    private readonly FixtureRepository _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private Task<GeneratedExercise> GenerateAsync(ExerciseRequest request) =>
        new ExerciseGenerator(_fixture.Layout, _fixture.Catalog).GenerateAsync(request, CancellationToken.None);

    [Fact]
    public async Task A_copy_of_one_lab_holds_the_lab_and_the_shared_build_files_with_every_region_stubbed()
    {
        var output = Path.Combine(_fixture.Work, "9.2");
        var generated = await GenerateAsync(new ExerciseRequest("9.2", [], output));

        Assert.Equal(["9.2-1", "9.2-2"], generated.Goals);
        Assert.Equal(4, generated.Regions.Count);
        Assert.True(File.Exists(Path.Combine(output, "Directory.Build.props")));
        Assert.True(File.Exists(Path.Combine(output, "labs", "goals.yaml")));
        Assert.True(File.Exists(Path.Combine(output, "labs", "9.2", "tests", "TallyChecks.cs")));
        Assert.False(Directory.Exists(Path.Combine(output, "labs", "9.3")));
        var tally = File.ReadAllText(Path.Combine(output, "labs", "9.2", "src", "Tally.cs"));
        Assert.DoesNotContain("#region Exercise", tally, StringComparison.Ordinal);
        Assert.Equal(4, tally.Split("throw new NotImplementedException(\"Exercise 9.2-").Length - 1);
        Assert.Contains("        // Exercise 9.2-1b: the key's count, 0 for a key never added (tests: TallyChecks.CountOf_*)\n" +
                        "        throw new NotImplementedException(\"Exercise 9.2-1b: the key's count, 0 for a key never added\");\n", tally, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(_fixture.Root, "labs", "9.2", "tests", "TallyChecks.cs")),
            File.ReadAllText(Path.Combine(output, "labs", "9.2", "tests", "TallyChecks.cs")));

        var manifest = ExerciseManifest.Load(output)!;
        Assert.Equal(["9.2"], manifest.Labs);
        var task = Assert.Single(manifest.Tasks, t => t.Id == "9.2-1b");
        Assert.Equal(("labs/9.2/src/Tally.cs", SourceLanguage.CSharp), (task.File, task.Language));
        Assert.StartsWith("        // Exercise 9.2-1b:", RegionParser.SplitLines(tally)[task.Line - 1], StringComparison.Ordinal);
        var guide = File.ReadAllText(Path.Combine(output, ExerciseGenerator.GuideFileName));
        Assert.Contains("| 9.2-2b | the n most frequent keys, most frequent first, ties by key | [labs/9.2/src/Tally.cs:", guide, StringComparison.Ordinal);
        Assert.Contains("make progress LAB=9.2", guide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_of_some_goals_stubs_only_their_regions()
    {
        var output = Path.Combine(_fixture.Work, "9.2-2");
        var generated = await GenerateAsync(new ExerciseRequest("9.2", ["9.2-2"], output));
        Assert.Equal(["9.2-2a", "9.2-2b"], generated.Regions.Select(r => r.TaskId));
        var tally = File.ReadAllText(Path.Combine(output, "labs", "9.2", "src", "Tally.cs"));
        Assert.Contains("#region Exercise 9.2-1a", tally, StringComparison.Ordinal);
        Assert.DoesNotContain("#region Exercise 9.2-2", tally, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generator_refuses_a_folder_that_is_not_empty_unless_forced_and_then_only_an_earlier_copy()
    {
        var output = Path.Combine(_fixture.Work, "busy");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "notes.txt"), "mine");
        var e = await Assert.ThrowsAsync<ExerciseRequestException>(() => GenerateAsync(new ExerciseRequest("9.2", [], output)));
        Assert.Contains("is not empty", e.Message);
        e = await Assert.ThrowsAsync<ExerciseRequestException>(() => GenerateAsync(new ExerciseRequest("9.2", [], output, force: true)));
        Assert.Contains("is not an exercise copy", e.Message);
        Assert.True(File.Exists(Path.Combine(output, "notes.txt")));

        var copy = Path.Combine(_fixture.Work, "again");
        await GenerateAsync(new ExerciseRequest("9.2", [], copy));
        await File.WriteAllTextAsync(Path.Combine(copy, "stale.txt"), "left from before");
        await GenerateAsync(new ExerciseRequest("9.2", [], copy, force: true));
        Assert.False(File.Exists(Path.Combine(copy, "stale.txt")));
    }

    [Theory]
    [InlineData("8.8", null, "is not a section")]
    [InlineData("9.2", "9.3-1", "is not a goal of lab 9.2")]
    [InlineData("9.2", "9.2-7", "is not a goal of lab 9.2")]
    public async Task Unknown_labs_and_goals_are_refused_with_what_exists(string lab, string? goal, string expected)
    {
        var e = await Assert.ThrowsAsync<ExerciseRequestException>(() =>
            GenerateAsync(new ExerciseRequest(lab, goal is null ? [] : [goal], Path.Combine(_fixture.Work, "x"))));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task The_copy_may_not_go_inside_the_repository()
    {
        var e = await Assert.ThrowsAsync<ExerciseRequestException>(() => GenerateAsync(new ExerciseRequest("9.2", [], Path.Combine(_fixture.Root, "copy"))));
        Assert.Contains("inside the repository", e.Message);
    }

    [Fact]
    public async Task A_misshaped_marker_stops_the_generator_with_its_file_and_line()
    {
        var ledger = Path.Combine(_fixture.Root, "labs", "9.2", "src", "Tally.cs");
        await File.WriteAllTextAsync(ledger, (await File.ReadAllTextAsync(ledger)).Replace("#region Exercise 9.2-1b", "#region exercise 9.2-1b", StringComparison.Ordinal));
        var e = await Assert.ThrowsAsync<RegionMarkupException>(() => GenerateAsync(new ExerciseRequest("9.2", [], Path.Combine(_fixture.Work, "y"))));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("labs/9.2/src/Tally.cs", problem.File);
        Assert.Equal(18, problem.Line);
        Assert.Contains("misnamed exercise region", problem.Message);
        Assert.False(Directory.Exists(Path.Combine(_fixture.Work, "y")));
    }

    [Fact]
    public async Task The_check_will_not_delete_a_work_folder_that_holds_something_else()
    {
        var foreign = Path.Combine(_fixture.Work, "9.2");
        Directory.CreateDirectory(foreign);
        await File.WriteAllTextAsync(Path.Combine(foreign, "thesis.tex"), "mine");
        var check = new ExerciseCheck(_fixture.Layout, _fixture.Catalog, TextWriter.Null);
        var e = await Assert.ThrowsAsync<ExerciseRequestException>(() =>
            check.RunAsync(new ExerciseCheckOptions(["9.2"], [], _fixture.Work, TestHooks.Default), CancellationToken.None));
        Assert.Contains("holds something other than an earlier skeleton", e.Message);
        Assert.True(File.Exists(Path.Combine(foreign, "thesis.tex")));
    }
}
