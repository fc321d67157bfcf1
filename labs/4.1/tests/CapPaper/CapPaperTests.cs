using System.Reflection;
using StatelessMind.Harness.Services;
using StatelessMind.Labs.Consensus.Isolation;
using StatelessMind.Labs.Consensus.Raft;
using StatelessMind.Labs.Consensus.TwoPhaseCommit;
using StatelessMind.Labs.DatabaseTheory.AcidBase;
using StatelessMind.Labs.DatabaseTheory.CapPaper;

namespace StatelessMind.Labs.DatabaseTheory.Tests.CapPaper;

/// <summary>CAP.md: about 2000 words, a generated figures block, and only citations of figures the experiments declare;
/// the paper's own format errors. <see cref="CapPaperEvidenceTests"/> checks it against measured findings.</summary>
public sealed class CapPaperTests(ITestOutputHelper output)
{
    /// <summary>The figure names each cited goal's experiment declares.</summary>
    private static readonly Dictionary<string, Type> FigureNamesOf = new()
    {
        ["1.1.3-1"] = typeof(IsolationFigureNames),
        ["1.1.3-2"] = typeof(TwoPhaseCommitFigureNames),
        ["1.1.3-3"] = typeof(RaftFigureNames),
        ["4.1-2"] = typeof(AcidBaseFigureNames),
    };

    private static HashSet<string> Names(Type t) =>
        t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    [Goal("4.1-3")]
    public void The_paper_is_about_2000_words_and_lists_the_goals_it_cites_in_its_generated_figures_block()
    {
        var paper = CapPaperDocument.Load();
        output.WriteLine($"{paper.Words} words, {paper.Citations.Count} citations of goals {string.Join(", ", paper.BlockGoals)}");
        Assert.InRange(paper.Words, CapPaperExperiment.MinWords, CapPaperExperiment.MaxWords);
        Assert.Equal(["1.1.3-1", "1.1.3-2", "1.1.3-3", "4.1-2"], paper.BlockGoals.Order(StringComparer.Ordinal));
        Assert.True(paper.Citations.Count >= 10);
        Assert.All(paper.BlockGoals, id => Assert.Contains(paper.Citations, c => c.GoalId == id));
    }

    [Fact]
    [Goal("4.1-3")]
    public void Every_cited_figure_is_one_its_experiment_produces()
    {
        var paper = CapPaperDocument.Load();
        foreach (var c in paper.Citations)
        {
            var declared = Names(FigureNamesOf[c.GoalId]);
            Assert.True(declared.Contains(c.FigureName), $"CAP.md:{c.Line} cites `{c.FigureName}` [{c.GoalId}], which that experiment does not produce");
        }
    }

    [Fact]
    [Goal("4.1-3")]
    public void A_citation_of_a_goal_missing_from_the_figures_block_is_a_typed_error_with_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cap-{Guid.NewGuid():N}.md");
        File.WriteAllText(path, "# t\n\n<!-- figures: 4.1-2 -->\nx\n<!-- /figures -->\n\nAs `safety violations` [1.1.3-3] shows.\n");
        try
        {
            var e = Assert.Throws<PaperFormatException>(() => CapPaperDocument.Load(path));
            Assert.Equal(7, e.Line);
            Assert.Contains("1.1.3-3", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    [Goal("4.1-3")]
    public void A_goal_reference_without_a_figure_name_in_backticks_is_a_typed_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cap-{Guid.NewGuid():N}.md");
        File.WriteAllText(path, "# t\n\n<!-- figures: 4.1-2 -->\nx\n<!-- /figures -->\n\nRedis lost writes [4.1-2].\n");
        try
        {
            var e = Assert.Throws<PaperFormatException>(() => CapPaperDocument.Load(path));
            Assert.Equal(7, e.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    [Goal("4.1-3")]
    public void A_citation_is_resolved_in_its_goals_finding_and_counted_as_found_missing_or_not_key()
    {
        var measured = new FindingBuilder("1.1.3-3", "t").Figure("safety violations", 0, "", key: true).Figure("seeds run", 60, "").Build("m");
        var findings = new Dictionary<string, Finding?> { ["1.1.3-3"] = measured, ["4.1-2"] = null };
        FigureCitation[] citations =
        [
            new("1.1.3-3", "safety violations", 10), new("1.1.3-3", "seeds run", 11), new("1.1.3-3", "no such figure", 12), new("4.1-2", "anything", 13),
        ];
        var (rows, resolved, missing, notKey) = CapPaperExperiment.ResolveCitations(citations, findings);
        Assert.Equal((2, 1, 1), (resolved, missing, notKey));
        Assert.Equal(["0", "60", "NOT PRODUCED", "not measured yet"], rows.Select(r => (string)r[2]!));
        Assert.Equal([10, 11, 12, 13], rows.Select(r => (int)r[3]!));
    }
}
