using StatelessMind.Runner.Exercises;

namespace StatelessMind.Tests.Exercises;

/// <summary>What exercise-check reports on the fixture repository's planted faults, and the learner's loop in its skeleton.</summary>
public sealed class ExerciseCheckFixtureTests(ExerciseCheckFixture fixture, ITestOutputHelper output) : IClassFixture<ExerciseCheckFixture>
{
    private IReadOnlyList<CheckFinding> Failures(string lab)
    {
        output.WriteLine(fixture.Log);
        return fixture.Lab(lab).Failures.ToList();
    }

    [Fact]
    public void A_region_that_declares_a_variable_used_after_it_fails_the_build_and_is_traced_to_that_region()
    {
        var finding = Assert.Single(Failures("9.1"), f => f.Step == "build" && f.Message.Contains("CS0103", StringComparison.Ordinal));
        Assert.Equal("9.1-1a (labs/9.1/src/Ledger.cs:12)", finding.Subject);
        Assert.Contains("at labs/9.1/src/Ledger.cs:16: The name 'total' does not exist", finding.Message);
    }

    [Fact]
    public void A_region_that_holds_its_methods_only_return_fails_the_build_and_is_traced_to_that_region()
    {
        var finding = Assert.Single(Failures("9.1"), f => f.Step == "build" && f.Message.Contains("CS0219", StringComparison.Ordinal));
        Assert.Equal("9.1-1b (labs/9.1/src/Ledger.cs:22)", finding.Subject);
        Assert.Contains("at labs/9.1/src/Ledger.cs:21: The variable 'best' is assigned but its value is never used", finding.Message);
    }

    [Fact]
    public void A_region_that_holds_a_planted_bug_switch_is_reported_at_the_line_of_the_hook()
    {
        var finding = Assert.Single(Failures("9.1"), f => f.Step == "lint");
        Assert.Equal("labs/9.1/src/Ledger.cs:32", finding.Subject);
        Assert.Contains("holds the test hook 'PlantedBug'", finding.Message);
        Assert.False(fixture.Lab("9.1").Passed);
    }

    [Fact]
    public void A_well_shaped_lab_passes_every_step_of_the_check()
    {
        var lab = fixture.Lab("9.2");
        output.WriteLine(fixture.Log);
        Assert.True(lab.Passed, string.Join('\n', lab.Failures));
        foreach (var step in new[] { "lint", "footprint", "generate", "build", "api", "tasks fail", "others pass" })
            Assert.Contains(lab.Findings, f => f.Step == step && f.Passed);
        Assert.Equal(4, lab.Findings.Count(f => f.Step == "tasks fail"));
        Assert.Contains(lab.Findings, f => f.Step == "others pass" && f.Message.StartsWith("1 tests without a goal", StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_test_that_passes_on_the_skeleton_is_reported_as_not_testing_its_task()
    {
        var finding = Assert.Single(Failures("9.3"), f => f.Step == "tasks fail" && f.Subject.StartsWith("9.3-1a", StringComparison.Ordinal));
        Assert.Contains("1 of 1 of its named tests pass on the skeleton, so they do not test the task: Scale_refuses_a_negative_factor", finding.Message);
    }

    [Fact]
    public void A_test_name_that_matches_no_test_is_reported()
    {
        var finding = Assert.Single(Failures("9.3"), f => f.Step == "tasks fail" && f.Subject.StartsWith("9.3-1b", StringComparison.Ordinal));
        Assert.Equal("'DoesNotExist' names no test of the lab", finding.Message);
        Assert.Contains(fixture.Lab("9.3").Findings, f => f is { Step: "tasks fail", Passed: true } && f.Subject.StartsWith("9.3-1b", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_tests_goals_are_read_from_the_built_test_assembly_as_xunit_gives_its_goal_traits()
    {
        var assembly = new LabBuild(fixture.Skeleton, "labs/9.2").TestsAssembly;
        Assert.NotNull(assembly);
        var goals = TestGoals.Read(assembly);
        const string tally = "Fixture.Shaped.Checks.TallyChecks.";
        Assert.Equal(["9.2-1"], goals.Of(tally + "Add_counts_each_occurrence"));
        Assert.Equal(["9.2-1"], goals.Of(tally + "CountOf_a_key_never_added_is_zero")); // a theory: one method, two cases
        Assert.Equal(["9.2-2"], goals.Of(tally + "Top_lists_the_most_frequent_keys_first"));
        Assert.Empty(goals.Of(tally + "A_null_key_is_refused_before_any_counting"));
        Assert.Contains(tally + "A_null_key_is_refused_before_any_counting", goals.TestMethods);
        Assert.DoesNotContain(goals.TestMethods, m => !m.StartsWith(tally, StringComparison.Ordinal));
    }

    [Fact]
    public void A_test_outside_the_exercised_goals_that_fails_on_the_skeleton_is_reported()
    {
        var finding = Assert.Single(Failures("9.3"), f => f.Step == "others pass");
        Assert.Equal("9.3-2", finding.Subject);
        Assert.Contains("1 of 1 tests of goal 9.3-2, which is not exercised, fail on the skeleton: Scaling_by_two_doubles", finding.Message);
    }

    [Fact]
    public async Task In_the_skeleton_progress_rises_when_a_tasks_code_is_put_back()
    {
        var copy = new RepositoryLayout(fixture.Skeleton);
        var before = new StringWriter();
        Assert.Equal(0, await new ExerciseProgress(copy, fixture.Repository.Catalog, before).RunAsync("9.2", details: false, CancellationToken.None));
        output.WriteLine(before.ToString());
        Assert.Contains("goal 9.2-1  [--------------------] 0/3 tests pass", before.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("progress: 0 of 5 tests pass (0%); 0 of 4 tasks done\n", before.ToString(), StringComparison.Ordinal);

        // The learner writes task 9.2-1b: here, the solution's body goes back in place of the stub.
        var task = ExerciseManifest.Load(fixture.Skeleton)!.Tasks.Single(t => t.Id == "9.2-1b");
        var solution = RegionScan.Of(fixture.Repository.Root, [task.File]).Regions.Single(r => r.TaskId == "9.2-1b");
        var path = Path.Combine(fixture.Skeleton, task.File);
        var lines = RegionParser.SplitLines(await File.ReadAllTextAsync(path));
        Assert.Contains("throw new NotImplementedException(\"Exercise 9.2-1b", lines[task.Line], StringComparison.Ordinal);
        lines.RemoveRange(task.Line - 1, 2);
        lines.InsertRange(task.Line - 1, solution.Body);
        await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n");

        var after = new StringWriter();
        Assert.Equal(0, await new ExerciseProgress(copy, fixture.Repository.Catalog, after).RunAsync("9.2", details: false, CancellationToken.None));
        output.WriteLine(after.ToString());
        Assert.Contains("  task 9.2-1b  [####################] 2/2 tests pass", after.ToString(), StringComparison.Ordinal);
        Assert.Contains("  task 9.2-1a  [--------------------] 0/1 tests pass", after.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("progress: 2 of 5 tests pass (40%); 1 of 4 tasks done\n", after.ToString(), StringComparison.Ordinal);
    }
}
