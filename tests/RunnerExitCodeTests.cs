using System.Text.Json;
using StatelessMind.Harness.Reporting;
using StatelessMind.Runner;
using StatelessMind.Tests.Support;

namespace StatelessMind.Tests;

/// <summary>
/// The runner tells the truth about what it did not measure: its exit code, the index and the goal pages for a run that
/// passes, fails a check, misses a service, cannot load a lab, or meets an experiment that throws; an excused optional
/// part and a row carried over from an earlier run are shown as such.
/// </summary>
public sealed class RunnerExitCodeTests(ITestOutputHelper output) : IDisposable
{
    private static readonly RepositoryLayout Layout = RepositoryLayout.Locate();
    private static readonly GoalCatalog Goals = GoalCatalog.Load(Layout);
    private readonly string _reports = TestRuns.TemporaryFolder("runner-exit-codes");

    public void Dispose() => HostCommands.DeleteDirectory(_reports);

    private async Task<int> RunAsync(params Type[] experiments)
    {
        var catalog = ExperimentCatalog.Of(Goals, experiments);
        var targets = experiments.Select(t => ((IExperiment)Activator.CreateInstance(t)!).GoalId).ToList();
        return await new ExperimentRunner(Layout, Goals, catalog, _reports).RunAsync(targets, Scale.Small, 7, CancellationToken.None);
    }

    private string IndexRowOf(string goal) =>
        File.ReadAllLines(Path.Combine(_reports, ReportIndex.IndexFileName)).Single(l => l.StartsWith($"| {goal} |", StringComparison.Ordinal));

    private string PageOf(string goal) => File.ReadAllText(Path.Combine(_reports, goal, FindingReport.PageFileName));

    [Fact]
    public async Task A_run_whose_checks_all_hold_exits_zero()
    {
        Assert.Equal(RunExitCode.Success, await RunAsync(typeof(PassingExperiment)));
        Assert.Contains("| PASS |", IndexRowOf(PassingExperiment.Goal));
        Assert.Contains("All 2 checks held.", PageOf(PassingExperiment.Goal));
    }

    [Fact]
    public async Task A_failed_check_fails_the_run_and_the_summary_names_the_check()
    {
        Assert.Equal(RunExitCode.CheckFailed, await RunAsync(typeof(PassingExperiment), typeof(FailingCheckExperiment)));
        var page = PageOf(FailingCheckExperiment.Goal);
        output.WriteLine(page);
        Assert.Contains("**Verdict: FAIL**", page);
        Assert.Contains($"1,000 reads from three replicas. 1 of 3 checks failed: {FailingCheckExperiment.FailingCheck}.", page);
        Assert.DoesNotContain("All 3 checks held", page);
        Assert.Contains("| FAIL |", IndexRowOf(FailingCheckExperiment.Goal));
        var finding = FindingReport.Read(Path.Combine(_reports, FailingCheckExperiment.Goal, FindingReport.JsonFileName));
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.EndsWith($"1 of 3 checks failed: {FailingCheckExperiment.FailingCheck}.", finding.Summary);
    }

    [Fact]
    public async Task A_missing_service_is_not_measured_and_fails_the_run()
    {
        Assert.Equal(RunExitCode.NotMeasured, await RunAsync(typeof(PassingExperiment), typeof(MissingServiceExperiment)));
        Assert.Contains("| NOT MEASURED |", IndexRowOf(MissingServiceExperiment.Goal));
        var page = PageOf(MissingServiceExperiment.Goal);
        Assert.Contains("**Verdict: INCONCLUSIVE**", page);
        Assert.Contains("frobnicate", page);
    }

    [Fact]
    public async Task A_required_part_left_unmeasured_fails_the_run()
    {
        Assert.Equal(RunExitCode.NotMeasured, await RunAsync(typeof(UnmeasuredPartExperiment)));
        Assert.Contains("Not measured: the comparison with cachegrind", PageOf(UnmeasuredPartExperiment.Goal));
        Assert.Contains("| NOT MEASURED |", IndexRowOf(UnmeasuredPartExperiment.Goal));
    }

    [Fact]
    public async Task An_experiment_that_throws_fails_the_run_and_the_index_says_it_threw()
    {
        Assert.Equal(RunExitCode.ExperimentThrew, await RunAsync(typeof(PassingExperiment), typeof(ThrowingExperiment)));
        var row = IndexRowOf(ThrowingExperiment.Goal);
        Assert.Contains("FAIL — the experiment threw InvalidOperationException: the workload generator ran out of keys", row);
        Assert.Contains("before its checks could run", PageOf(ThrowingExperiment.Goal));
    }

    [Fact]
    public async Task A_failed_check_outranks_a_throw_and_a_throw_outranks_a_missing_service()
    {
        Assert.Equal(RunExitCode.CheckFailed, await RunAsync(typeof(ThrowingExperiment), typeof(FailingCheckExperiment), typeof(MissingServiceExperiment)));
        Assert.Equal(RunExitCode.ExperimentThrew, await RunAsync(typeof(ThrowingExperiment), typeof(MissingServiceExperiment)));
    }

    [Fact]
    public async Task An_excused_optional_part_passes_and_the_page_and_index_say_what_did_not_run()
    {
        Assert.Equal(RunExitCode.Success, await RunAsync(typeof(ExcusedPartExperiment)));
        Assert.Contains("PASS (optional, not run here: the MongoDB workload)", IndexRowOf(ExcusedPartExperiment.Goal));
        var page = PageOf(ExcusedPartExperiment.Goal);
        Assert.Contains("## Not exercised here (optional parts)", page);
        Assert.Contains("- the MongoDB workload: MONGODB_URI is not set", page);
    }

    [Fact]
    public async Task A_row_carried_over_from_an_earlier_run_shows_that_runs_date_not_a_fresh_pass()
    {
        Assert.Equal(RunExitCode.Success, await RunAsync(typeof(PassingExperiment)));
        // Date the earlier finding in the past, as if that run had been on 2 January.
        var json = Path.Combine(_reports, PassingExperiment.Goal, FindingReport.JsonFileName);
        var earlier = FindingReport.Read(json);
        var januarySecond = new DateTimeOffset(2026, 1, 2, 9, 30, 0, TimeSpan.Zero);
        await FindingReport.WriteAsync(earlier with { Run = earlier.Run! with { StartedAt = januarySecond } },
            new DirectoryInfo(Path.GetDirectoryName(json)!));

        // The next run measures another goal only.
        var catalog = ExperimentCatalog.Of(Goals, typeof(PassingExperiment), typeof(ExcusedPartExperiment));
        var status = await new ExperimentRunner(Layout, Goals, catalog, _reports).RunAsync([ExcusedPartExperiment.Goal], Scale.Small, 7, CancellationToken.None);

        Assert.Equal(RunExitCode.Success, status);
        var row = IndexRowOf(PassingExperiment.Goal);
        output.WriteLine(row);
        Assert.Contains("PASS in an earlier run (2026-01-02; not re-run)", row);
        Assert.DoesNotContain("| PASS |", row);
        var index = await File.ReadAllTextAsync(Path.Combine(_reports, ReportIndex.IndexFileName));
        Assert.Contains("this run measured 1: 1 passed", index);
        Assert.Contains("1 shown from earlier runs (dated)", index);
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_reports, ReportIndex.ResultsFileName)));
        var goal = results.RootElement.GetProperty("goals").EnumerateArray().Single(g => g.GetProperty("id").GetString() == PassingExperiment.Goal);
        Assert.False(goal.GetProperty("ranNow").GetBoolean());
        Assert.Equal(januarySecond, goal.GetProperty("measuredAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_lab_whose_assembly_does_not_load_fails_the_run()
    {
        // A repository with one lab (1.4) whose built assembly is not a .NET assembly.
        var root = TestRuns.TemporaryFolder("unloadable-lab");
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "labs"));
            File.Copy(Layout.GoalsFile, Path.Combine(root, "labs", "goals.yaml"));
            var bin = Directory.CreateDirectory(Path.Combine(root, "labs", "1.4", "src", "bin", "Debug", "net10.0")).FullName;
            await File.WriteAllTextAsync(Path.Combine(bin, "StatelessMind.Labs.Relational.dll"), "not an assembly");
            await File.WriteAllTextAsync(Path.Combine(bin, "StatelessMind.Labs.Relational.deps.json"),
                """{"runtimeTarget":{"name":".NETCoreApp,Version=v10.0"},"targets":{".NETCoreApp,Version=v10.0":{}},"libraries":{}}""");
            var layout = new RepositoryLayout(root);
            var catalog = ExperimentCatalog.Discover(layout, Goals);
            Assert.Contains(catalog.Problems, p => p.Section == "1.4" && p.Message.Contains("could not be loaded", StringComparison.Ordinal));

            var status = await new ExperimentRunner(layout, Goals, catalog, _reports).RunAsync(["1.4"], Scale.Small, 7, CancellationToken.None);

            Assert.Equal(RunExitCode.LabNotLoaded, status);
            // A deps.json without its targets (the runtime's resolver would abort the process on it) is a problem too, not a crash.
            await File.WriteAllTextAsync(Path.Combine(bin, "StatelessMind.Labs.Relational.deps.json"), "{}");
            Assert.Contains(ExperimentCatalog.Discover(layout, Goals).Problems, p => p.Message.Contains("names no runtime target", StringComparison.Ordinal));
            Assert.Contains("NOT RUN: lab did not load", IndexRowOf("1.4-1"));
            // A lab that fails to load elsewhere does not fail a run that did not select it.
            var other = await new ExperimentRunner(layout, Goals, catalog, _reports).RunAsync(["1.1.1"], Scale.Small, 7, CancellationToken.None);
            Assert.Equal(RunExitCode.Success, other);
        }
        finally
        {
            HostCommands.DeleteDirectory(root);
        }
    }
}
