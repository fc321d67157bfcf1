using System.Text.Json;
using System.Text.RegularExpressions;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Reporting;

namespace StatelessMind.Runner;

/// <summary>
/// What a reports folder a reviewer reads must hold: an index with one row per goal of labs/goals.yaml stating the run it
/// came from, a page (with its provenance and its plots) for every built goal, measured in that very run, and nothing for
/// a goal that is not built.
/// </summary>
public static partial class PublishedReports
{
    [GeneratedRegex(@"^\| (?<id>\d+(\.\d+)*-\d+) \| (?<lab>[^|]+) \|")]
    private static partial Regex IndexRow();

    [GeneratedRegex(@"!\[[^\]]*\]\((?<file>[^)]+\.png)\)")]
    private static partial Regex ImageLink();

    /// <summary>Every way the folder falls short; empty when it holds what a reviewer needs.</summary>
    /// <param name="folder">The reports folder (index.md, results.json, one folder per measured goal).</param>
    /// <param name="goals">The catalog.</param>
    /// <param name="experiments">The experiments built in this checkout.</param>
    /// <param name="requireFullScale">Only a full-scale run may be published in the repository.</param>
    public static IReadOnlyList<string> Problems(string folder, GoalCatalog goals, ExperimentCatalog experiments, bool requireFullScale)
    {
        ArgumentNullException.ThrowIfNull(goals);
        ArgumentNullException.ThrowIfNull(experiments);
        var problems = new List<string>();
        var indexPath = Path.Combine(folder, ReportIndex.IndexFileName);
        var resultsPath = Path.Combine(folder, ReportIndex.ResultsFileName);
        if (!File.Exists(indexPath)) return [$"{indexPath} is missing: publish a complete run (`make run` then `make publish`)."];
        if (!File.Exists(resultsPath)) return [$"{resultsPath} is missing: publish a complete run (`make run` then `make publish`)."];

        var index = File.ReadAllLines(indexPath);
        if (!index.Any(l => l.Contains("Measured at commit ", StringComparison.Ordinal)))
            problems.Add($"{indexPath} does not state the commit, date and machine of its run.");
        var rows = index.Select(l => IndexRow().Match(l)).Where(m => m.Success).ToList();
        var rowIds = rows.Select(m => m.Groups["id"].Value).ToList();
        var expected = goals.Goals.Select(g => g.Id).ToList();
        if (!rowIds.SequenceEqual(expected))
        {
            var missing = expected.Except(rowIds).ToList();
            var extra = rowIds.Except(expected).ToList();
            problems.Add($"{indexPath} has {rowIds.Count} goal rows, goals.yaml {expected.Count}" +
                         (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "") +
                         (extra.Count > 0 ? $"; not in goals.yaml: {string.Join(", ", extra)}" : "") +
                         (missing.Count == 0 && extra.Count == 0 ? " (duplicated or out of order)" : "") + ".");
        }

        var (run, fresh) = ReadResults(resultsPath, problems);
        if (requireFullScale && run is not null && run.Scale != Scale.Full)
            problems.Add($"{resultsPath}: the run was at {run.Scale.ToString().ToLowerInvariant()} scale; the repository publishes a full-scale run.");

        foreach (var goal in goals.Goals)
        {
            var row = index.FirstOrDefault(l => l.StartsWith($"| {goal.Id} |", StringComparison.Ordinal)) ?? "";
            var goalFolder = Path.Combine(folder, goal.Id);
            var link = $"[{goal.Id}]({goal.Id}/{FindingReport.PageFileName})";
            if (!experiments.IsBuilt(goal.Id))
            {
                if (Directory.Exists(goalFolder)) problems.Add($"{goalFolder} exists, but {goal.Id} is not built.");
                if (row.Contains(link, StringComparison.Ordinal)) problems.Add($"{indexPath} links a page for {goal.Id}, which is not built.");
                continue;
            }
            if (!row.Contains(link, StringComparison.Ordinal)) problems.Add($"{indexPath}: the row of built goal {goal.Id} links no page.");
            if (row.Contains("earlier run", StringComparison.Ordinal)) problems.Add($"{indexPath}: {goal.Id} was not measured by the published run.");
            if (!fresh.Contains(goal.Id)) problems.Add($"{resultsPath}: {goal.Id} has no finding of this run.");
            var page = Path.Combine(goalFolder, FindingReport.PageFileName);
            if (!File.Exists(page))
            {
                problems.Add($"{page} is missing (built goal {goal.Id}).");
                continue;
            }
            var text = File.ReadAllText(page);
            if (!text.Contains("**Verdict: ", StringComparison.Ordinal)) problems.Add($"{page} states no verdict.");
            if (!text.Contains("Measured at commit ", StringComparison.Ordinal)) problems.Add($"{page} does not state the commit, date and machine of its run.");
            if (!File.Exists(Path.Combine(goalFolder, FindingReport.JsonFileName))) problems.Add($"{Path.Combine(goalFolder, FindingReport.JsonFileName)} is missing.");
            foreach (Match image in ImageLink().Matches(text))
                if (!File.Exists(Path.Combine(goalFolder, image.Groups["file"].Value)))
                    problems.Add($"{page} shows {image.Groups["file"].Value}, which is not in {goalFolder}.");
        }
        return problems;
    }

    /// <summary>The run that wrote a results.json and the goals it measured itself.</summary>
    private static (RunProvenance? Run, HashSet<string> Fresh) ReadResults(string resultsPath, List<string> problems)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(resultsPath));
            var root = doc.RootElement;
            var run = root.TryGetProperty("run", out var r) && r.ValueKind == JsonValueKind.Object
                ? r.Deserialize<RunProvenance>(FindingReport.JsonOptions)
                : null;
            if (run is null) problems.Add($"{resultsPath} does not record its run (commit, date, machine).");
            var fresh = root.GetProperty("goals").EnumerateArray()
                .Where(g => g.TryGetProperty("ranNow", out var n) && n.ValueKind == JsonValueKind.True
                            && g.TryGetProperty("finding", out var f) && f.ValueKind == JsonValueKind.Object)
                .Select(g => g.GetProperty("id").GetString()!)
                .ToHashSet();
            return (run, fresh);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add($"{resultsPath} cannot be read: {e.Message}");
            return (null, []);
        }
    }

    /// <summary>
    /// Copies a complete run from a working copy into the published folder: the index, results.json and, for each measured
    /// goal, its page, finding.json and the plots it shows (not the data files an experiment may leave beside them).
    /// Refuses, changing nothing, when the run is not complete: a built goal it did not measure itself, a lab that did not
    /// load, a small-scale run (unless <paramref name="allowSmall"/>), a missing page or plot.
    /// </summary>
    /// <param name="from">The working copy (what <c>stateless-mind run</c> wrote).</param>
    /// <param name="to">The published folder.</param>
    /// <param name="goals">The catalog.</param>
    /// <param name="experiments">The experiments built in this checkout.</param>
    /// <param name="allowSmall">Accept a small-scale run (for a check of the mechanism, never for the repository).</param>
    /// <returns>Why it refused (nothing copied), or why the published folder still falls short; empty on success.</returns>
    public static IReadOnlyList<string> Publish(string from, string to, GoalCatalog goals, ExperimentCatalog experiments, bool allowSmall)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        var refusals = experiments.Problems.Select(p => $"lab problem: {p.Message}").ToList();
        refusals.AddRange(Problems(from, goals, experiments, requireFullScale: !allowSmall));
        if (refusals.Count > 0) return refusals;

        var source = Path.GetFullPath(from);
        var target = Path.GetFullPath(to);
        if (source == target) return [$"{from} is already the published folder."];
        Directory.CreateDirectory(target);
        foreach (var old in Directory.EnumerateDirectories(target).Where(d => GoalId.IsWellFormed(Path.GetFileName(d))).ToList())
            Directory.Delete(old, recursive: true);
        File.Copy(Path.Combine(source, ReportIndex.IndexFileName), Path.Combine(target, ReportIndex.IndexFileName), overwrite: true);
        File.Copy(Path.Combine(source, ReportIndex.ResultsFileName), Path.Combine(target, ReportIndex.ResultsFileName), overwrite: true);
        foreach (var goal in goals.Goals.Where(g => experiments.IsBuilt(g.Id)))
        {
            var goalSource = Path.Combine(source, goal.Id);
            var goalTarget = Directory.CreateDirectory(Path.Combine(target, goal.Id)).FullName;
            var finding = FindingReport.Read(Path.Combine(goalSource, FindingReport.JsonFileName));
            foreach (var file in new[] { FindingReport.PageFileName, FindingReport.JsonFileName }.Concat(finding.Plots.Select(p => p.FileName)).Distinct())
                File.Copy(Path.Combine(goalSource, file), Path.Combine(goalTarget, file), overwrite: true);
        }
        return Problems(target, goals, experiments, requireFullScale: !allowSmall);
    }
}
