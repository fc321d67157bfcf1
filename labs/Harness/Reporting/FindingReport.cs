using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Harness.Reporting;

/// <summary>Writes a finding as a Markdown page (report.md) and JSON (finding.json) in its goal's folder.</summary>
public static class FindingReport
{
    public const string PageFileName = "report.md";
    public const string JsonFileName = "finding.json";

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync(Finding finding, DirectoryInfo directory, string? goalStatement = null, CancellationToken cancellationToken = default)
    {
        directory.Create();
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, PageFileName), ToMarkdown(finding, goalStatement), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, JsonFileName), JsonSerializer.Serialize(finding, JsonOptions), cancellationToken);
    }

    public static Finding Read(string jsonPath) =>
        JsonSerializer.Deserialize<Finding>(File.ReadAllText(jsonPath), JsonOptions)
        ?? throw new FormatException($"{jsonPath} holds no finding.");

    public static string ToMarkdown(Finding f, string? goalStatement = null)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {f.GoalId} — {f.Title}");
        md.AppendLine();
        if (goalStatement is not null) md.AppendLine(CultureInfo.InvariantCulture, $"*Goal:* {goalStatement}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**Verdict: {f.Verdict.ToString().ToUpperInvariant()}** · scale {f.Scale.ToString().ToLowerInvariant()} · {f.Duration.TotalSeconds:0.#} s");
        md.AppendLine();
        if (f.Run is { } run) md.AppendLine(CultureInfo.InvariantCulture, $"*{ProvenanceLine(run)}*").AppendLine();
        md.AppendLine(f.Summary);
        md.AppendLine();
        if (f.Excused.Count > 0)
        {
            md.AppendLine("## Not exercised here (optional parts)").AppendLine();
            md.AppendLine("The lab declares these parts optional; they did not run on this machine, and the verdict does not cover them.").AppendLine();
            foreach (var part in f.Excused) md.AppendLine(CultureInfo.InvariantCulture, $"- {part}");
            md.AppendLine();
        }
        if (f.Figures.Count > 0)
        {
            md.AppendLine("## Figures").AppendLine();
            md.AppendLine("| figure | value | target |").AppendLine("|---|---:|---|");
            foreach (var fig in f.Figures)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Escape(fig.Name)} | {fig.Formatted} | {Escape(fig.Target ?? "")} |");
            md.AppendLine();
        }
        foreach (var table in f.Tables)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {table.Title}").AppendLine();
            md.Append(ToMarkdownTable(table));
            md.AppendLine();
        }
        foreach (var plot in f.Plots)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"![{Escape(plot.Caption)}]({plot.FileName})").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"*{plot.Caption}*").AppendLine();
        }
        if (f.Notes.Count > 0)
        {
            md.AppendLine("## Notes").AppendLine();
            foreach (var note in f.Notes) md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>"Measured at commit … on … UTC, scale …, seed …, on 2 cores, …": the line each page and the index carry.</summary>
    /// <param name="run">The run.</param>
    public static string ProvenanceLine(RunProvenance run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return string.Create(CultureInfo.InvariantCulture,
            $"Measured at commit {run.CommitText} on {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, scale {run.Scale.ToString().ToLowerInvariant()}, seed {run.Seed}, on {run.Machine}.");
    }

    public static string ToMarkdownTable(FindingTable table)
    {
        var md = new StringBuilder();
        md.AppendLine("| " + string.Join(" | ", table.Columns.Select(Escape)) + " |");
        md.AppendLine("|" + string.Concat(table.Columns.Select(_ => "---|")));
        foreach (var row in table.Rows) md.AppendLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        return md.ToString();
    }

    public static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
