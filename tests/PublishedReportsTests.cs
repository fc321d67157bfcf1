using StatelessMind.Harness.Reporting;
using StatelessMind.Runner;
using StatelessMind.Tests.Support;

namespace StatelessMind.Tests;

/// <summary>
/// The reports a reviewer reads in the repository: reports/ holds the index of all 72 goals, a page with plots for every
/// built goal measured in one full run, nothing for a goal not built, each stating the commit, date and machine; and the
/// lab READMEs' figures blocks are filled from that same run.
/// </summary>
public sealed class PublishedReportsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly RepositoryLayout Layout = RepositoryLayout.Locate();
    private static readonly GoalCatalog Goals = GoalCatalog.Load(Layout);
    private static readonly Lazy<ExperimentCatalog> Built = new(() => ExperimentCatalog.Discover(Layout, Goals));
    private readonly string _folder = TestRuns.TemporaryFolder("published");

    public void Dispose() => HostCommands.DeleteDirectory(_folder);

    /// <summary>
    /// The committed reports/ (or the folder SM_CHECK_REPORTS names, e.g. a small-scale trial publish): complete and in
    /// step with goals.yaml and the built labs, and every README figures block generated from it.
    /// </summary>
    [Fact]
    public void The_published_reports_match_the_catalog_and_the_readmes_figures()
    {
        var trial = Environment.GetEnvironmentVariable("SM_CHECK_REPORTS");
        var folder = trial ?? Layout.ReportsDirectory;
        Assert.True(File.Exists(Path.Combine(folder, ReportIndex.IndexFileName)),
            $"{folder} has no {ReportIndex.IndexFileName}: the repository publishes a complete full-scale run (make run, then make publish).");
        var problems = PublishedReports.Problems(folder, Goals, Built.Value, requireFullScale: trial is null);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // The numbers the READMEs cite are this snapshot's.
        var findings = FiguresBlock.ReadResults(Path.Combine(folder, ReportIndex.ResultsFileName));
        var source = Path.GetRelativePath(Layout.Root, Path.Combine(folder, ReportIndex.ResultsFileName));
        var stale = Directory.EnumerateFiles(Layout.LabsDirectory, "*.md", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => FiguresBlock.HasBlocks(File.ReadAllText(f)))
            .Where(f => trial is null && FiguresBlock.Refresh(File.ReadAllText(f), findings, source) != File.ReadAllText(f))
            .Select(f => Path.GetRelativePath(Layout.Root, f))
            .ToList();
        Assert.True(stale.Count == 0, $"figures blocks not generated from {source} (run `make publish` or `stateless-mind figures`): {string.Join(", ", stale)}");
    }

    /// <summary>Writes, through the runner's own writers, a working copy in which every built goal was measured at
    /// full scale with one plot and one data file.</summary>
    private async Task<string> CompleteRunAsync()
    {
        var from = Directory.CreateDirectory(Path.Combine(_folder, "run")).FullName;
        var run = TestRuns.Provenance(Scale.Full);
        var rows = new List<GoalRow>();
        foreach (var goal in Goals.Goals)
        {
            Finding? finding = null;
            if (Built.Value.IsBuilt(goal.Id))
            {
                finding = new FindingBuilder(goal.Id, "t").Figure("x", 1, "ms", key: true).Check(true, "x holds")
                    .Plot(new PlotRef("plot.png", "a plot")).Build("Measured x") with { Scale = Scale.Full, Run = run };
                var dir = new DirectoryInfo(Path.Combine(from, goal.Id));
                await FindingReport.WriteAsync(finding, dir, goal.Statement);
                await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "plot.png"), [0x89, 0x50, 0x4E, 0x47]);
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, "samples.csv"), "a,b\n");
            }
            var status = Built.Value.IsBuilt(goal.Id) ? GoalStatus.Built : GoalStatus.NotBuilt;
            rows.Add(new GoalRow(goal, Goals.SectionOf(goal), status, finding, finding is not null, finding is null ? null : run.StartedAt));
        }
        await ReportIndex.WriteAsync(from, rows, run, CancellationToken.None);
        return from;
    }

    [Fact]
    public async Task Publishing_a_complete_run_copies_its_pages_and_plots_and_each_defect_of_a_snapshot_is_caught()
    {
        Assert.NotEmpty(Built.Value.GoalIds);
        var from = await CompleteRunAsync();
        var to = Path.Combine(_folder, "published");

        var problems = PublishedReports.Publish(from, to, Goals, Built.Value, allowSmall: false);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        var built = Built.Value.GoalIds.First();
        Assert.True(File.Exists(Path.Combine(to, built, "plot.png")), "the plot was not published");
        Assert.False(File.Exists(Path.Combine(to, built, "samples.csv")), "an experiment's data file was published");
        Assert.Equal(Built.Value.GoalIds.Order(), Directory.EnumerateDirectories(to).Select(Path.GetFileName).Order()!);

        // Each defect is named.
        File.Delete(Path.Combine(to, built, "plot.png"));
        Assert.Contains(PublishedReports.Problems(to, Goals, Built.Value, true), p => p.Contains("plot.png", StringComparison.Ordinal));
        File.Delete(Path.Combine(to, built, FindingReport.PageFileName));
        Assert.Contains(PublishedReports.Problems(to, Goals, Built.Value, true), p => p.Contains($"{built}/report.md is missing", StringComparison.Ordinal));
        // Every goal of goals.yaml may be built: a catalog with one more goal, which has no experiment, has one that is not.
        var extended = Path.Combine(_folder, "goals.yaml");
        await File.WriteAllTextAsync(extended, await File.ReadAllTextAsync(Layout.GoalsFile) +
            "\n  - id: \"4.6-99\"\n    section: \"4.6\"\n    statement: \"A goal with no experiment.\"\n    technologies: []\n    means: []\n");
        var withUnbuilt = GoalCatalog.Load(extended);
        var unbuilt = withUnbuilt.Goals.First(g => !Built.Value.IsBuilt(g.Id)).Id;
        Directory.CreateDirectory(Path.Combine(to, unbuilt));
        Assert.Contains(PublishedReports.Problems(to, withUnbuilt, Built.Value, true), p => p.Contains($"but {unbuilt} is not built", StringComparison.Ordinal));
        Directory.Delete(Path.Combine(to, unbuilt));
        var index = Path.Combine(to, ReportIndex.IndexFileName);
        await File.WriteAllLinesAsync(index, (await File.ReadAllLinesAsync(index)).Where(l => !l.StartsWith("| 4.6-4 |", StringComparison.Ordinal)));
        Assert.Contains(PublishedReports.Problems(to, Goals, Built.Value, true), p => p.Contains("71 goal rows, goals.yaml 72; missing: 4.6-4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_that_did_not_measure_every_built_goal_is_not_published()
    {
        var from = Path.Combine(_folder, "partial");
        var status = await new ExperimentRunner(Layout, Goals, Built.Value, from).RunAsync(["1.4-2"], Scale.Small, 7, CancellationToken.None);
        Assert.Equal(RunExitCode.Success, status);
        var to = Path.Combine(_folder, "published");

        var refusals = PublishedReports.Publish(from, to, Goals, Built.Value, allowSmall: false);

        output.WriteLine(string.Join(Environment.NewLine, refusals));
        Assert.Contains(refusals, r => r.Contains("1.4-1 has no finding of this run", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.Contains("small scale", StringComparison.Ordinal));
        Assert.False(Directory.Exists(to), "a refused publish wrote something");
    }
}
