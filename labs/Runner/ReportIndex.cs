using System.Globalization;
using System.Text;
using System.Text.Json;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Reporting;

namespace StatelessMind.Runner;

/// <summary>
/// index.md (one row per goal, all 72 of them) and results.json of a reports folder. The index states the run that
/// wrote it (commit, date, machine); a row this run did not measure shows the date of the run that did, never a fresh verdict.
/// </summary>
public static class ReportIndex
{
    public const string IndexFileName = "index.md";
    public const string ResultsFileName = "results.json";

    public static async Task WriteAsync(string reportsDirectory, IReadOnlyList<GoalRow> rows, RunProvenance run, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(reportsDirectory);
        await File.WriteAllTextAsync(Path.Combine(reportsDirectory, IndexFileName), ToMarkdown(rows, run), cancellationToken);
        var results = new
        {
            generatedAt = run.StartedAt,
            run,
            goals = rows.Select(r => new
            {
                id = r.Goal.Id,
                section = r.Goal.Section,
                status = StatusText(r.Status),
                verdict = r.Finding?.Verdict.ToString().ToLowerInvariant(),
                ranNow = r.RanNow,
                measuredAt = r.MeasuredAt,
                problem = r.Problem,
                page = r.Finding is null ? null : $"{r.Goal.Id}/{FindingReport.PageFileName}",
                finding = r.Finding,
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(reportsDirectory, ResultsFileName), JsonSerializer.Serialize(results, FindingReport.JsonOptions), cancellationToken);
    }

    public static string StatusText(GoalStatus status) => status switch
    {
        GoalStatus.Built => "built",
        GoalStatus.Pending => "pending",
        GoalStatus.LabNotLoaded => "lab-not-loaded",
        _ => "not-built",
    };

    public static string ToMarkdown(IReadOnlyList<GoalRow> rows, RunProvenance run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var md = new StringBuilder();
        md.AppendLine("# Stateless Mind — measured goals").AppendLine();
        var fresh = rows.Where(r => r.RanNow && r.Finding is not null).Select(r => r.Finding!).ToList();
        var carried = rows.Count(r => !r.RanNow && r.Finding is not null);
        var built = rows.Count(r => r.Status is GoalStatus.Built or GoalStatus.LabNotLoaded);
        md.AppendLine(CultureInfo.InvariantCulture,
            $"{rows.Count} goals · {built} built · this run measured {fresh.Count}: {fresh.Count(f => f.Verdict == Verdict.Pass)} passed, " +
            $"{fresh.Count(f => f.Verdict == Verdict.Fail)} failed, {fresh.Count(f => f.Verdict == Verdict.Inconclusive)} not measured · " +
            $"{carried} shown from earlier runs (dated) · {rows.Count - built} not built yet.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"*Written by `stateless-mind run`. {FindingReport.ProvenanceLine(run)}*");
        md.AppendLine();
        md.AppendLine("| goal | lab | statement | verdict | key figures | report |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var figures = r.Finding is null ? "" : string.Join("; ", r.Finding.Figures.Where(f => f.IsKey).Select(f => $"{f.Name}: {f.Formatted}"));
            var link = r.Finding is null ? "" : $"[{r.Goal.Id}]({r.Goal.Id}/{FindingReport.PageFileName})";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Goal.Id} | {r.Section.Folder} | {FindingReport.Escape(r.Goal.Statement)} | {FindingReport.Escape(VerdictCell(r))} | {FindingReport.Escape(figures)} | {link} |");
        }
        return md.ToString();
    }

    /// <summary>The verdict column: this run's verdict (with what was excused or why it did not run), or an earlier run's
    /// verdict with that run's date, or the goal's status.</summary>
    public static string VerdictCell(GoalRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var problem = row.Problem is null ? "" : $" — {row.Problem}";
        if (row.Finding is not { } f)
            return row.Status switch
            {
                GoalStatus.NotBuilt => "not built",
                GoalStatus.Pending => "pending",
                GoalStatus.LabNotLoaded => "NOT RUN: lab did not load" + problem,
                _ => "not run",
            };
        var verdict = f.Verdict switch
        {
            Verdict.Inconclusive => "NOT MEASURED",
            var v => v.ToString().ToUpperInvariant(),
        };
        if (f.Excused.Count > 0)
            verdict += $" (optional, not run here: {string.Join("; ", f.Excused.Select(e => e.Split(':')[0]))})";
        if (row.RanNow) return verdict + problem;
        var date = row.MeasuredAt is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "an unknown date";
        var why = row.Status == GoalStatus.LabNotLoaded ? "lab did not load in this run" : "not re-run";
        return $"{verdict} in an earlier run ({date}; {why})";
    }
}
