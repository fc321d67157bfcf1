using StatelessMind.Labs.DatabaseTheory.CapPaper;

namespace StatelessMind.Labs.DatabaseTheory.Tests.CapPaper;

/// <summary>The 4.1-3 experiment against findings measured for real by the fixture (1.1.3-1, 1.1.3-2, 1.1.3-3, 4.1-2 at small
/// scale): it must pass — every cited figure found and key — and it must fail on a planted citation, and be inconclusive
/// (which the runner counts as a failure) with no measured findings at all.</summary>
[Collection(MeasuredFindingsCollection.Name)]
public sealed class CapPaperEvidenceTests(MeasuredFindingsFixture measured, ITestOutputHelper output)
{
    [Fact]
    [Goal("4.1-3")]
    public async Task Against_the_measured_findings_every_cited_figure_is_found_and_key_so_the_paper_passes()
    {
        var finding = await new CapPaperExperiment().RunAsync(measured.ContextFor("4.1-3"), CancellationToken.None);
        foreach (var n in finding.Notes) output.WriteLine(n);
        Assert.Equal(Verdict.Pass, finding.Verdict); // not Inconclusive: every cited goal was measured
        var citations = CapPaperDocument.Load().Citations.Count;
        Assert.Equal(citations, finding.FigureNamed(CapPaperFigureNames.Resolved)!.Value);
    }

    [Fact]
    [Goal("4.1-3")]
    public async Task A_paper_citing_a_figure_no_experiment_produces_fails()
    {
        var path = WritePaper(CapPaperDocument.Load().Path, "`safety violations` [1.1.3-3]", "`safety violations per fortnight` [1.1.3-3]");
        try
        {
            var finding = await new CapPaperExperiment(path).RunAsync(measured.ContextFor("4.1-3"), CancellationToken.None);
            Assert.Equal(Verdict.Fail, finding.Verdict);
            Assert.Contains(finding.Notes, n => n.StartsWith("✘ every cited figure is produced", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    [Goal("4.1-3")]
    public async Task A_paper_whose_cited_goals_were_not_measured_is_inconclusive_not_passed()
    {
        await using var services = new ExperimentServices();
        var empty = Directory.CreateTempSubdirectory("unmeasured-");
        try
        {
            var context = new ExperimentContext(Scale.Small, services, new DirectoryInfo(Path.Combine(empty.FullName, "4.1-3")));
            var finding = await new CapPaperExperiment(CapPaperDocument.Load().Path, repositoryReports: false).RunAsync(context, CancellationToken.None);
            Assert.Equal(Verdict.Inconclusive, finding.Verdict); // which the runner counts as a failure
            Assert.Equal(4, finding.Notes.Count(n => n.StartsWith("? not measured", StringComparison.Ordinal)));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static string WritePaper(string original, string replace, string with)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cap-{Guid.NewGuid():N}.md");
        var text = File.ReadAllText(original);
        Assert.Contains(replace, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(replace, with, StringComparison.Ordinal));
        return path;
    }
}
