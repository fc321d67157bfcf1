using System.Text.RegularExpressions;

namespace StatelessMind.Labs.DatabaseTheory.CapPaper;

/// <summary>
/// labs/4.1/CAP.md read as data: its prose (for the word count), the goals named by its generated
/// figures block (<c>&lt;!-- figures: ids --&gt;</c> … <c>&lt;!-- /figures --&gt;</c>, filled by the runner from
/// reports/results.json), and the figures its prose cites by name, <c>`name` [goal-id]</c>.
/// </summary>
public sealed partial class CapPaperDocument
{
    [GeneratedRegex(@"<!--\s*figures:(?<ids>[^>]*?)-->(?<body>.*?)<!--\s*/figures\s*-->", RegexOptions.Singleline)]
    private static partial Regex FiguresBlock();

    // A name may wrap onto the next line, as inline code can in Markdown.
    [GeneratedRegex(@"`(?<name>[^`]+)`\s*\[(?<id>\d+(?:\.\d+)*-\d+)\]")]
    private static partial Regex Citation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\[(?<id>\d+(?:\.\d+)*-\d+)\]")]
    private static partial Regex GoalReference();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")]
    private static partial Regex Word();

    private CapPaperDocument(string path, int words, IReadOnlyList<string> blockGoals, IReadOnlyList<FigureCitation> citations)
    {
        Path = path;
        Words = words;
        BlockGoals = blockGoals;
        Citations = citations;
    }

    public string Path { get; }

    /// <summary>Words of the prose: the generated figures table and the reference list left out.</summary>
    public int Words { get; }

    /// <summary>The goal ids the figures block lists.</summary>
    public IReadOnlyList<string> BlockGoals { get; }

    public IReadOnlyList<FigureCitation> Citations { get; }

    public static string DefaultPath => System.IO.Path.Combine(StatelessMind.Harness.RepositoryLayout.Locate().LabDirectory("4.1"), "CAP.md");

    public static CapPaperDocument Load(string? path = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path)) throw new FileNotFoundException($"The CAP paper is missing: {path}", path);
        var text = File.ReadAllText(path);
        var blocks = FiguresBlock().Matches(text);
        if (blocks.Count != 1)
            throw new PaperFormatException(path, 1, $"expected exactly one '<!-- figures: ids -->' … '<!-- /figures -->' block, found {blocks.Count}");
        var block = blocks[0];
        var goals = block.Groups["ids"].Value.Split([' ', ',', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (goals.Length == 0) throw new PaperFormatException(path, LineOf(text, block.Index), "the figures block names no goal id");
        var prose = text.Remove(block.Index, block.Length);
        var references = prose.IndexOf("\n## References", StringComparison.Ordinal);
        if (references >= 0) prose = prose[..references];
        var citations = CollectCitations(path, text, goals);
        // A goal reference that is not part of a `name` [id] citation is a citation written wrongly.
        var cited = Citation().Matches(text).Select(m => m.Index + m.Length).ToHashSet();
        foreach (Match r in GoalReference().Matches(text))
            if (!cited.Contains(r.Index + r.Length))
                throw new PaperFormatException(path, LineOf(text, r.Index), $"[{r.Groups["id"].Value}] does not follow a figure name in backticks (`figure name` [{r.Groups["id"].Value}])");
        return new CapPaperDocument(path, Word().Matches(prose).Count, goals, citations);
    }

    /// <summary>Every citation <c>`figure name` [goal-id]</c> of the text, in order, with its line; the name may wrap onto the next
    /// line and is read with its whitespace collapsed. A citation of a goal the figures block does not list is a
    /// <see cref="PaperFormatException"/> naming the file and line.</summary>
    internal static List<FigureCitation> CollectCitations(string path, string text, IReadOnlyCollection<string> blockGoals)
    {
        #region Exercise 4.1-3a: collect the citations `name` [goal-id] and reject a goal the figures block does not list (tests: CapPaperTests)
        var citations = new List<FigureCitation>();
        foreach (Match m in Citation().Matches(text))
        {
            var line = LineOf(text, m.Index);
            var id = m.Groups["id"].Value;
            if (!blockGoals.Contains(id))
                throw new PaperFormatException(path, line, $"cites a figure of goal {id}, which the figures block does not list ({string.Join(" ", blockGoals)})");
            citations.Add(new FigureCitation(id, Whitespace().Replace(m.Groups["name"].Value, " ").Trim(), line));
        }
        return citations;
        #endregion
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
