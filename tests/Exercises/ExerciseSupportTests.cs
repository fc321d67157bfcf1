using StatelessMind.Runner.Exercises;

namespace StatelessMind.Tests.Exercises;

/// <summary>The smaller parts of exercise mode: test-name patterns, TRX files, the lint rules, the solution filter,
/// compiler-error parsing, progress per task, and the public-surface comparison.</summary>
public sealed class ExerciseSupportTests
{
    private static readonly RepositoryLayout Layout = RepositoryLayout.Locate();

    [Theory]
    [InlineData("MergingIteratorTests", "Ns.Lsm.MergingIteratorTests.Advance_skips_shadowed", true)]
    [InlineData("MergingIteratorTests.Advance_skips_shadowed", "Ns.Lsm.MergingIteratorTests.Advance_skips_shadowed", true)]
    [InlineData("*3A", "Ns.Raft.ElectionTests.InitialElection3A", true)]
    [InlineData("Election*", "Ns.Raft.ElectionTests.InitialElection3A", true)]
    [InlineData("Iterator", "Ns.Lsm.MergingIteratorTests.Advance", false)]
    [InlineData("Lsm.MergingIteratorTests", "Ns.Lsm.MergingIteratorTests.Advance", true)]
    [InlineData("Tests.Advance", "Ns.Lsm.MergingIteratorTests.Advance", false)]
    public void A_test_name_matches_whole_segments_with_star_inside_one(string pattern, string method, bool expected) =>
        Assert.Equal(expected, TestNamePattern.Matches(pattern, method));

    [Fact]
    public void The_check_writes_a_trx_file_that_the_trx_reader_and_make_tests_summary_read()
    {
        var pass = new LabCheckResult("1.4");
        pass.Add(new CheckFinding("build", true, "1.4", "builds"));
        var fail = new LabCheckResult("1.1.3");
        fail.Add(new CheckFinding("build", true, "1.1.3", "builds"));
        fail.Add(new CheckFinding("tasks fail", false, "1.1.3-3a (labs/1.1.3/src/Raft/RaftNode.cs:195)", "2 of 5 pass on the skeleton"));
        var empty = new LabCheckResult("4.5");
        var path = Path.Combine(Path.GetTempPath(), $"exercise-check-{Guid.NewGuid():N}.trx");
        try
        {
            CheckTrxWriter.Write(path, [pass, fail, empty]);
            var results = TrxFile.Read(path);
            Assert.Equal([("ExerciseCheck.Lab_1.4", TestOutcome.Passed), ("ExerciseCheck.Lab_1.1.3", TestOutcome.Failed), ("ExerciseCheck.Lab_4.5", TestOutcome.Failed)],
                results.Select(r => (r.Method, r.Outcome)));
            Assert.Equal("tasks fail: 1.1.3-3a (labs/1.1.3/src/Raft/RaftNode.cs:195): 2 of 5 pass on the skeleton", results[1].Message);
            Assert.Contains("<Counters total=\"3\" executed=\"3\" passed=\"1\" failed=\"2\"", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_built_in_hook_list_names_the_planted_bug_switches_and_crash_points()
    {
        Assert.Contains("ProtocolBug", TestHooks.Default);
        Assert.Contains("CrashPoint", TestHooks.Default);
        Assert.Equal(["A", "B"], TestHooks.Parse("# comment\nA\n  B  # why\n\nA\n"));
    }

    [Fact]
    public void Lint_reports_a_hook_in_code_but_not_in_a_comment_a_region_without_tests_an_unknown_goal_and_a_goal_with_one_region()
    {
        var text = string.Join('\n',
            "void F() {",
            "    #region Exercise 1.4-2a: vote (tests: VoteTests)",
            "    // a ProtocolBug mentioned in a comment is no hook",
            "    if (_options.Bug == ProtocolBug.VoteWithoutLogCheck) upToDate = true;",
            "    #endregion",
            "    #region Exercise 1.4-2b: count",
            "    x();",
            "    #endregion",
            "    #region Exercise 1.4-9: a goal nobody listed (tests: X)",
            "    y();",
            "    #endregion",
            "}") + "\n";
        var regions = RegionParser.Parse("labs/1.4/src/F.cs", text).Regions;
        var problems = RegionLint.Check(regions, GoalCatalog.Load(Layout), TestHooks.Default);
        Assert.Contains(problems, p => p.Line == 4 && p.Message.Contains("test hook 'ProtocolBug'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Line == 3);
        Assert.Contains(problems, p => p.Line == 6 && p.Message.Contains("names no tests", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 9 && p.Message.Contains("which labs/goals.yaml does not list", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("goal 1.4-9 has 1 region", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Message.Contains("goal 1.4-2 has", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_reports_planted_bug_switches_by_their_naming_convention_even_when_the_list_lacks_them()
    {
        var text = string.Join('\n',
            "void F() {",
            "    #region Exercise 1.4-2a: apply (tests: ApplyTests)",
            "    if (_bug == SinkBug.AtLeastOnce) CommitLater();",
            "    #endregion",
            "    #region Exercise 1.4-2b: split (tests: SplitTests)",
            "    if (bt->bug == BT_BUG_SPLIT_BEFORE_ALLOCATING) return;",
            "    var debugger = new Debugger(); // an identifier ending in 'Bug' alone is no switch",
            "    #endregion",
            "}") + "\n";
        var regions = RegionParser.Parse("labs/1.4/src/F.cs", text).Regions;
        var problems = RegionLint.Check(regions, GoalCatalog.Load(Layout), []);
        Assert.Contains(problems, p => p.Line == 3 && p.Message.Contains("test hook 'SinkBug'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 6 && p.Message.Contains("test hook 'BT_BUG_SPLIT_BEFORE_ALLOCATING'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Line == 7);
    }

    [Fact]
    public void The_solution_cut_down_to_one_lab_keeps_its_projects_the_harness_and_the_runner_and_drops_empty_folders()
    {
        var solution = File.ReadAllText(Path.Combine(Layout.Root, RepositoryLayout.SolutionFileName));
        string[] kept =
        [
            "labs/Harness/StatelessMind.Harness.csproj", "labs/Harness.Testing/StatelessMind.Harness.Testing.csproj",
            "labs/Runner/StatelessMind.Runner.csproj", "labs/1.4/src/Relational.csproj", "labs/1.4/tests/Relational.Tests.csproj",
        ];
        var filtered = SolutionFilter.Filter(solution, kept.ToHashSet());
        foreach (var project in kept) Assert.Contains(project.Replace('/', '\\'), filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("StatelessMind.Tests.csproj", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("labs\\1.1.3", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("\"bench\"", filtered, StringComparison.Ordinal);
        Assert.Equal(filtered.Split("\nProject(").Length - 1, filtered.Split("\nEndProject").Length - 1);
        // Every GUID the configuration and nesting sections mention is a project that is still there.
        var guids = System.Text.RegularExpressions.Regex.Matches(filtered, @"\{[0-9A-F-]{36}\}").Select(m => m.Value).ToHashSet();
        var declared = System.Text.RegularExpressions.Regex.Matches(filtered, @"""(\{[0-9A-F-]{36}\})""\s*$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(declared.Concat(["{2150E333-8FDC-42A3-9474-1A3956D46DE8}", "{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}"]).ToHashSet(), guids);
    }

    [Fact]
    public void Compiler_errors_of_msbuild_gcc_and_rustc_are_read_with_file_and_line()
    {
        var output = string.Join('\n',
            "/tmp/c/labs/1.4/src/A.cs(12,5): error CS0103: The name 'row' does not exist in the current context [/tmp/c/labs/1.4/src/R.csproj]",
            "/tmp/c/labs/1.4/src/A.cs(12,5): error CS0103: The name 'row' does not exist in the current context [/tmp/c/labs/1.4/src/R.csproj]",
            "/tmp/c/native/c/btree/btree.c:461:14: error: unused variable 'slot' [-Werror=unused-variable]",
            "error: unused variable: `n`",
            "   --> dynarray/src/lib.rs:130:13",
            "warning: something harmless");
        var errors = BuildDiagnostics.Parse(output, "/tmp/c/native/rust");
        Assert.Equal(
        [
            new BuildDiagnostic("/tmp/c/labs/1.4/src/A.cs", 12, "CS0103", "The name 'row' does not exist in the current context"),
            new BuildDiagnostic("/tmp/c/native/c/btree/btree.c", 461, "gcc", "unused variable 'slot' [-Werror=unused-variable]"),
            new BuildDiagnostic("/tmp/c/native/rust/dynarray/src/lib.rs", 130, "rustc", "unused variable: `n`"),
        ], errors);
    }

    [Fact]
    public void A_task_counts_the_tests_its_regions_name_or_else_every_test_of_its_goal()
    {
        TestCaseResult Result(string method, bool passed) => new(method, method, passed ? TestOutcome.Passed : TestOutcome.Failed, passed ? null : "boom");
        var goal = new[] { Result("N.ElectionTests.Initial3A", true), Result("N.ElectionTests.ReElection3A", false), Result("N.LogTests.Backup3B", false) };
        var named = new ExerciseTask("1.1.3-3a", "1.1.3-3", "elect", "RaftNode.cs", 10, SourceLanguage.CSharp, ["*3A", "Missing"]);
        var unnamed = new ExerciseTask("1.1.3-3b", "1.1.3-3", "replicate", "RaftNode.cs", 40, SourceLanguage.CSharp, []);
        var progress = ProgressReport.Compute([named, unnamed], new Dictionary<string, IReadOnlyList<TestCaseResult>> { ["1.1.3-3"] = goal }, GoalCatalog.Load(Layout));
        var g = Assert.Single(progress);
        Assert.Equal((1, 3), (g.Passed, g.Total));
        Assert.Equal((1, 2, true, false), (g.Tasks[0].Passed, g.Tasks[0].Total, g.Tasks[0].Named, g.Tasks[0].Done));
        Assert.Equal(["Missing"], g.Tasks[0].UnmatchedNames);
        Assert.Equal((1, 3, false), (g.Tasks[1].Passed, g.Tasks[1].Total, g.Tasks[1].Named));

        var text = new StringWriter();
        ProgressView.Write("1.1.3", "Consistency", progress, details: true, text);
        Assert.Contains("goal 1.1.3-3  [#######-------------] 1/3 tests pass", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("  task 1.1.3-3a  [##########----------] 1/2 tests pass  elect", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("    fails: N.ElectionTests.ReElection3A: boom", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("    'Missing' names no test of the lab", text.ToString(), StringComparison.Ordinal);
        Assert.Equal("progress: 1 of 3 tests pass (33%); 0 of 2 tasks done", ProgressView.TotalLine(progress));
    }

    [Fact]
    public void The_public_surface_of_an_assembly_equals_itself_and_shows_what_another_lacks()
    {
        var harness = typeof(RepositoryLayout).Assembly.Location;
        var runner = typeof(ExerciseCheck).Assembly.Location;
        var surface = PublicApiSurface.Read(harness);
        Assert.Contains("sealed class StatelessMind.Harness.RepositoryLayout : System.IEquatable`1[StatelessMind.Harness.RepositoryLayout]", surface);
        Assert.Contains(surface, l => l.Contains("StatelessMind.Harness.RepositoryLayout::Method StatelessMind.Harness.RepositoryLayout Locate()", StringComparison.Ordinal));
        Assert.Empty(PublicApiSurface.Difference(surface, PublicApiSurface.Read(harness)));
        var difference = PublicApiSurface.Difference(surface, PublicApiSurface.Read(runner));
        Assert.Contains("- sealed class StatelessMind.Harness.RepositoryLayout : System.IEquatable`1[StatelessMind.Harness.RepositoryLayout]", difference);
        Assert.Contains(difference, l => l.StartsWith("+ ", StringComparison.Ordinal) && l.Contains("ExerciseCheck", StringComparison.Ordinal));
    }
}
