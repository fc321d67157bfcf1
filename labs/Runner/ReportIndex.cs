using System.Globalization;
using System.Text;
using System.Text.Json;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Reporting;

namespace StatelessMind.Runner;

/// <summary>reports/index.md (one row per goal, all 72 of them) and reports/results.json.</summary>
public static class ReportIndex
{
    public static async Task WriteAsync(string reportsDirectory, IReadOnlyList<GoalRow> rows, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(reportsDirectory);
        await File.WriteAllTextAsync(Path.Combine(reportsDirectory, "index.md"), ToMarkdown(rows), cancellationToken);
        var results = new
        {
            generatedAt = DateTimeOffset.UtcNow,
            machine = new { os = Environment.OSVersion.VersionString, cores = Environment.ProcessorCount, runtime = Environment.Version.ToString() },
            goals = rows.Select(r => new
            {
                id = r.Goal.Id,
                section = r.Goal.Section,
                status = r.Status.ToString().ToLowerInvariant(),
                verdict = r.Finding?.Verdict.ToString().ToLowerInvariant(),
                page = r.Finding is null ? null : $"{r.Goal.Id}/{FindingReport.PageFileName}",
                finding = r.Finding,
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(reportsDirectory, "results.json"), JsonSerializer.Serialize(results, FindingReport.JsonOptions), cancellationToken);
    }

    public static string ToMarkdown(IReadOnlyList<GoalRow> rows)
    {
        var md = new StringBuilder();
        md.AppendLine("# Stateless Mind — measured goals").AppendLine();
        var built = rows.Count(r => r.Status == GoalStatus.Built);
        var passed = rows.Count(r => r.Finding?.Verdict == Verdict.Pass);
        var failed = rows.Count(r => r.Finding?.Verdict == Verdict.Fail);
        md.AppendLine(CultureInfo.InvariantCulture,
            $"{rows.Count} goals · {built} built · {passed} passed · {failed} failed · {rows.Count - built} not built yet. Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `stateless-mind run`.");
        md.AppendLine();
        md.AppendLine("| goal | lab | statement | verdict | key figures | report |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var verdict = r.Status switch
            {
                GoalStatus.NotBuilt => "not built",
                GoalStatus.Pending when r.Finding is null => "pending",
                _ when r.Finding is null => "not run",
                _ => r.Finding.Verdict.ToString().ToUpperInvariant() + (r.RanNow ? "" : " (earlier run)"),
            };
            var figures = r.Finding is null ? "" : string.Join("; ", r.Finding.Figures.Where(f => f.IsKey).Select(f => $"{f.Name}: {f.Formatted}"));
            var link = r.Finding is null ? "" : $"[{r.Goal.Id}]({r.Goal.Id}/{FindingReport.PageFileName})";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Goal.Id} | {r.Section.Folder} | {FindingReport.Escape(r.Goal.Statement)} | {verdict} | {FindingReport.Escape(figures)} | {link} |");
        }
        return md.ToString();
    }
}
