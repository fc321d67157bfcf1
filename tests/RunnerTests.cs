using StatelessMind.Harness.Reporting;
using StatelessMind.Runner;
using StatelessMind.Tests.Support;

namespace StatelessMind.Tests;

/// <summary>The runner's selection, index and figures blocks, and one experiment end to end through it.</summary>
public sealed class RunnerTests(ITestOutputHelper output)
{
    private static readonly RepositoryLayout Layout = RepositoryLayout.Locate();
    private static readonly GoalCatalog Goals = GoalCatalog.Load(Layout);

    private static ExperimentRunner RunnerInto(string reports) =>
        new(Layout, Goals, ExperimentCatalog.Discover(Layout, Goals), reports);

    [Fact]
    public void Targets_select_goals_by_id_or_section_in_curriculum_order()
    {
        var runner = RunnerInto(Path.GetTempPath());
        Assert.Equal(["1.1.1-1", "1.1.1-2", "1.1.1-3", "1.1.1-4", "1.4-2"], runner.Select(["1.4-2", "1.1.1"]));
        Assert.Equal(72, runner.Select([]).Count);
        var e = Assert.Throws<ArgumentException>(() => runner.Select(["9.9"]));
        Assert.Contains("neither a goal id", e.Message);
    }

    [Fact]
    public void The_index_lists_every_goal_and_says_which_are_not_built()
    {
        var rows = Goals.Goals.Select(g => new GoalRow(g, Goals.SectionOf(g), GoalStatus.NotBuilt, null, false)).ToList();
        var md = ReportIndex.ToMarkdown(rows, TestRuns.Provenance());
        foreach (var g in Goals.Goals) Assert.Contains($"| {g.Id} | labs/{g.Section} |", md);
        Assert.Equal(72, md.Split('\n').Count(l => l.Contains("| not built |", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_figures_block_is_filled_from_findings_and_refreshing_is_idempotent()
    {
        var finding = new Finding
        {
            GoalId = "4.1-2", Title = "t", Verdict = Verdict.Pass, Summary = "s",
            Figures = [new Figure("stale reads (R+W≤N)", 12.5, "%", IsKey: true), new Figure("not key", 1, "x")],
        };
        var findings = new Dictionary<string, Finding> { ["4.1-2"] = finding };
        var text = "intro\n<!-- figures: 4.1-2 1.1.3-1 -->\nplaceholder\n<!-- /figures -->\nafter\n";
        var once = FiguresBlock.Refresh(text, findings, "reports/results.json");
        Assert.Contains("| 4.1-2 | stale reads (R+W≤N) | 12.5 % | pass", once);
        Assert.Contains("| 1.1.3-1 | — | not measured yet", once);
        Assert.DoesNotContain("not key", once);
        Assert.DoesNotContain("placeholder", once);
        Assert.EndsWith("<!-- /figures -->\nafter\n", once);
        Assert.Equal(once, FiguresBlock.Refresh(once, findings, "reports/results.json"));
    }

    [Fact]
    public void A_partial_run_keeps_the_rows_of_goals_it_did_not_measure_and_code_fences_are_left_alone()
    {
        var measured = new Dictionary<string, Finding>
        {
            ["1.1.3-1"] = new() { GoalId = "1.1.3-1", Title = "t", Verdict = Verdict.Pass, Summary = "s", Figures = [new Figure("stale reads", 16.6, "%", IsKey: true)] },
            ["4.1-2"] = new() { GoalId = "4.1-2", Title = "t", Verdict = Verdict.Pass, Summary = "s", Figures = [new Figure("lost writes", 249, "", IsKey: true)] },
        };
        var full = FiguresBlock.Refresh("<!-- figures: 1.1.3-1 4.1-2 -->\n<!-- /figures -->\n", measured, "r.json");
        var partial = new Dictionary<string, Finding> { ["4.1-2"] = measured["4.1-2"] with { Figures = [new Figure("lost writes", 250, "", IsKey: true)] } };
        var after = FiguresBlock.Refresh(full, partial, "r.json");
        Assert.Contains("| 1.1.3-1 | stale reads | 16.6 % |", after); // kept from the earlier run
        Assert.Contains("| 4.1-2 | lost writes | 250 |", after);       // refreshed
        Assert.DoesNotContain("| 4.1-2 | lost writes | 249 |", after);

        var fenced = "```markdown\n<!-- figures: 4.1-2 -->\nexample\n<!-- /figures -->\n```\n";
        Assert.Equal(fenced, FiguresBlock.Refresh(fenced, measured, "r.json"));
        Assert.False(FiguresBlock.HasBlocks(fenced));
    }

    [Fact]
    public async Task A_run_writes_the_index_the_goal_page_and_results_json()
    {
        var catalog = ExperimentCatalog.Discover(Layout, Goals);
        var goal = catalog.GoalIds.Order(GoalId.Comparer).FirstOrDefault(id => id.StartsWith("1.4-", StringComparison.Ordinal));
        Assert.True(goal is not null, "lab 1.4 (the reference lab) must be built for the end-to-end runner test");
        var reports = Path.Combine(Path.GetTempPath(), "stateless-mind-runner-test", Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var status = await new ExperimentRunner(Layout, Goals, catalog, reports).RunAsync([goal!], Scale.Small, 7, CancellationToken.None);
            var index = await File.ReadAllTextAsync(Path.Combine(reports, "index.md"));
            output.WriteLine(index);
            Assert.Equal(0, status);
            Assert.Equal(72, index.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\| \d+(\.\d+)*-\d+ \|")));
            Assert.Contains($"[{goal}]({goal}/report.md)", index);
            var page = await File.ReadAllTextAsync(Path.Combine(reports, goal!, FindingReport.PageFileName));
            Assert.Contains("**Verdict: PASS**", page);
            Assert.Contains("Measured at commit ", page);
            Assert.Contains("Measured at commit ", index);
            var results = FiguresBlock.ReadResults(Path.Combine(reports, "results.json"));
            Assert.Equal(Verdict.Pass, results[goal!].Verdict);
            Assert.NotEmpty(results[goal!].Figures);
        }
        finally
        {
            HostCommands.DeleteDirectory(reports);
        }
    }
}
