using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Reporting;
using F = StatelessMind.Labs.DatabaseTheory.CapPaper.CapPaperFigureNames;

namespace StatelessMind.Labs.DatabaseTheory.CapPaper;

/// <summary>
/// 4.1-3: the CAP paper held to its evidence. It reads labs/4.1/CAP.md, checks its length and its
/// generated figures block, and looks up every figure the prose cites in the findings of the goals it
/// cites — those of this run (the runner runs 1.1.3 and 4.1-2 before 4.1-3) or of an earlier one in
/// reports/. A cited figure that its experiment does not produce fails the goal; a goal not measured
/// yet leaves it inconclusive.
/// </summary>
public sealed class CapPaperExperiment : IExperiment
{
    public const int MinWords = 1600;
    public const int MaxWords = 2600;

    private readonly string? _paperPath;
    private readonly bool _repositoryReports = true;

    /// <summary>The experiment on labs/4.1/CAP.md (what the runner creates).</summary>
    public CapPaperExperiment()
    {
    }

    /// <summary>The experiment on another paper (the tests' planted ones).</summary>
    /// <param name="paperPath">The paper.</param>
    /// <param name="repositoryReports">Whether findings missing from this run may come from the repository's reports/.</param>
    public CapPaperExperiment(string paperPath, bool repositoryReports = true)
    {
        _paperPath = paperPath;
        _repositoryReports = repositoryReports;
    }

    public string GoalId => "4.1-3";
    public string Title => "The CAP paper, checked against the measured figures";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var finding = new FindingBuilder(GoalId, Title);
        var paper = CapPaperDocument.Load(_paperPath);
        finding.Figure(F.Words, paper.Words, "words", key: true, target: $"{MinWords}–{MaxWords}");
        finding.Figure(F.Citations, paper.Citations.Count, "");
        finding.Figure(F.GoalsCited, paper.BlockGoals.Count, "");

        var findings = paper.BlockGoals.ToDictionary(id => id, id => FindFinding(context, id, _repositoryReports), StringComparer.Ordinal);
        var (rows, resolved, missing, notKey) = ResolveCitations(paper.Citations, findings);
        finding.Figure(F.Resolved, resolved, $"of {paper.Citations.Count}", key: true, target: $"= {paper.Citations.Count}");
        finding.Table(FindingTable.Of("Figures the paper cites", ["goal", "figure", "measured value", "CAP.md line"], rows));
        foreach (var id in findings.Where(kv => kv.Value is null).Select(kv => kv.Key))
            finding.Unmeasured($"the figures of {id}", $"no finding of {id} yet: run `dotnet run --project labs/Runner -- run {id}` (or `make run`) first");

        finding.Check(paper.Words is >= MinWords and <= MaxWords, $"the paper has about 2000 words ({MinWords}–{MaxWords}); it has {paper.Words}");
        finding.Check(paper.Citations.Count >= 10, "the paper cites at least ten measured figures by name");
        finding.Check(missing == 0, "every cited figure is produced by its goal's experiment");
        finding.Check(notKey == 0, $"every cited figure is a key figure, so the generated table shows it ({notKey} are not)");
        context.Report(1, "done");
        return Task.FromResult(finding.Build(
            $"CAP.md has {paper.Words} words and cites {paper.Citations.Count} figures of {paper.BlockGoals.Count} goals; {resolved} found in the measured results, {missing} missing."));
    }

    /// <summary>
    /// Looks up every citation in the finding of its goal (null: that goal not measured yet). Returns one table row per
    /// citation (goal, figure, the measured value or why there is none, line) and the counts: found, missing from a
    /// measured finding, and found but not key (the generated table shows key figures only, so the reader could not find it).
    /// </summary>
    internal static (List<object?[]> Rows, int Resolved, int Missing, int NotKey) ResolveCitations(IReadOnlyList<FigureCitation> citations,
        IReadOnlyDictionary<string, Finding?> findings)
    {
        #region Exercise 4.1-3b: resolve every cited figure in the finding of the goal it belongs to (tests: CapPaperTests, CapPaperEvidenceTests)
        var rows = new List<object?[]>();
        int resolved = 0, missing = 0, notKey = 0;
        foreach (var c in citations)
        {
            var f = findings[c.GoalId];
            var figure = f?.FigureNamed(c.FigureName);
            if (figure is not null) resolved++;
            else if (f is not null) missing++;
            if (figure is { IsKey: false }) notKey++;
            rows.Add([c.GoalId, c.FigureName, figure?.Formatted ?? (f is null ? "not measured yet" : "NOT PRODUCED"), c.Line]);
        }
        return (rows, resolved, missing, notKey);
        #endregion
    }

    /// <summary>This run's finding of a goal (a sibling folder of this experiment's output), else the repository's reports/.</summary>
    private static Finding? FindFinding(ExperimentContext context, string goalId, bool repositoryReports)
    {
        var candidates = new List<string>();
        if (context.OutputDirectory.Parent is { } reports) candidates.Add(Path.Combine(reports.FullName, goalId, FindingReport.JsonFileName));
        if (repositoryReports) candidates.Add(Path.Combine(StatelessMind.Harness.RepositoryLayout.Locate().ReportsDirectory, goalId, FindingReport.JsonFileName));
        foreach (var file in candidates.Where(File.Exists))
        {
            try
            {
                return FindingReport.Read(file);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
            {
                throw new FormatException($"{file} is not a readable finding: {e.Message}", e);
            }
        }
        return null;
    }
}
