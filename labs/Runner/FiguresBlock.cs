using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Reporting;

namespace StatelessMind.Runner;

/// <summary>
/// Keeps the figures that a lab's prose cites in step with the measurements: in any Markdown file,
/// the text between <c>&lt;!-- figures: 1.1.3-1 4.1-2 --&gt;</c> and <c>&lt;!-- /figures --&gt;</c> is
/// replaced by a table of those goals' key figures, read from reports/results.json.
/// </summary>
public static partial class FiguresBlock
{
    [GeneratedRegex(@"(?<open><!--\s*figures:(?<ids>[^>]*?)-->)(?<body>.*?)(?<close><!--\s*/figures\s*-->)", RegexOptions.Singleline)]
    private static partial Regex Block();

    /// <summary>Goal id → finding, from a results.json written by <see cref="ReportIndex"/>.</summary>
    public static IReadOnlyDictionary<string, Finding> ReadResults(string resultsJson)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(resultsJson));
        var findings = new Dictionary<string, Finding>();
        foreach (var goal in doc.RootElement.GetProperty("goals").EnumerateArray())
        {
            if (!goal.TryGetProperty("finding", out var f) || f.ValueKind != JsonValueKind.Object) continue;
            var finding = f.Deserialize<Finding>(FindingReport.JsonOptions);
            if (finding is not null) findings[finding.GoalId] = finding;
        }
        return findings;
    }

    /// <summary>
    /// Rewrites every figures block of the text (outside fenced code) and returns the new text. A goal
    /// that the results do not hold keeps the rows it had: a partial run never erases a measurement.
    /// </summary>
    public static string Refresh(string markdown, IReadOnlyDictionary<string, Finding> findings, string resultsSource)
    {
        var parts = Fence().Split(markdown); // even indices: prose; odd: fenced code, left alone
        for (var i = 0; i < parts.Length; i += 2)
            parts[i] = Block().Replace(parts[i], m =>
            {
                var ids = m.Groups["ids"].Value.Split([' ', ',', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return m.Groups["open"].Value + "\n" + Table(ids, findings, m.Groups["body"].Value, resultsSource) + m.Groups["close"].Value;
            });
        return string.Concat(parts);
    }

    [GeneratedRegex(@"(^```.*?^```[^\n]*$)", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fence();

    public static bool HasBlocks(string markdown) => Fence().Split(markdown).Where((_, i) => i % 2 == 0).Any(Block().IsMatch);

    /// <summary>The goal ids the figures blocks of a Markdown text name (outside fenced code).</summary>
    public static IReadOnlySet<string> CitedGoals(string markdown) =>
        Fence().Split(markdown).Where((_, i) => i % 2 == 0)
            .SelectMany(part => Block().Matches(part))
            .SelectMany(m => m.Groups["ids"].Value.Split([' ', ',', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet();

    private static string Table(IReadOnlyList<string> ids, IReadOnlyDictionary<string, Finding> findings, string previousBody, string resultsSource)
    {
        var previousRows = previousBody.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var md = new StringBuilder();
        md.AppendLine("| goal | figure | value | verdict |").AppendLine("|---|---|---:|---|");
        foreach (var id in ids)
        {
            if (!findings.TryGetValue(id, out var f))
            {
                var kept = previousRows.Where(l => l.StartsWith($"| {id} |", StringComparison.Ordinal)).ToList();
                if (kept.Count == 0) kept.Add($"| {id} | — | not measured yet (`make run`) | |");
                foreach (var row in kept) md.AppendLine(row);
                continue;
            }
            var key = f.Figures.Where(x => x.IsKey).DefaultIfEmpty().ToList();
            foreach (var fig in key)
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {id} | {FindingReport.Escape(fig?.Name ?? "—")} | {fig?.Formatted ?? ""} | {f.Verdict.ToString().ToLowerInvariant()} ({f.Scale.ToString().ToLowerInvariant()} scale) |");
        }
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"*Generated from {resultsSource} by `stateless-mind figures`; do not edit by hand.*");
        return md.ToString();
    }

    /// <summary>Refreshes the blocks of the given files (default: every labs/**/*.md that has one); returns the files changed.</summary>
    public static IReadOnlyList<string> RefreshFiles(IEnumerable<string> files, string resultsJson, string repositoryRoot)
    {
        var findings = ReadResults(resultsJson);
        var source = Path.GetRelativePath(repositoryRoot, resultsJson);
        var changed = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (!HasBlocks(text)) continue;
            var updated = Refresh(text, findings, source);
            if (updated == text) continue;
            File.WriteAllText(file, updated);
            changed.Add(file);
        }
        return changed;
    }
}
