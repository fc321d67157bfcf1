using System.Text;
using System.Text.RegularExpressions;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// Keeps the projects of a classic .sln whose files a copy holds, and the solution folders that still hold one,
/// with their configuration and nesting lines: the repository's StatelessMind.sln cut down to one lab.
/// </summary>
public static partial class SolutionFilter
{
    [GeneratedRegex(@"^Project\(""\{(?<type>[^}]+)\}""\)\s*=\s*""[^""]*"",\s*""(?<path>[^""]*)"",\s*""\{(?<guid>[^}]+)\}""")]
    private static partial Regex ProjectLine();

    [GeneratedRegex(@"^\s*\{(?<child>[^}]+)\}\s*=\s*\{(?<parent>[^}]+)\}\s*$")]
    private static partial Regex NestingLine();

    private const string SolutionFolderType = "2150E333-8FDC-42A3-9474-1A3956D46DE8";

    public static string Filter(string solution, ISet<string> keptFiles)
    {
        var newline = solution.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = RegionParser.SplitLines(solution);
        var removed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var kept = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var m = ProjectLine().Match(line);
            if (!m.Success) continue;
            if (m.Groups["type"].Value.Equals(SolutionFolderType, StringComparison.OrdinalIgnoreCase)) folders.Add(m.Groups["guid"].Value);
            else if (keptFiles.Contains(m.Groups["path"].Value.Replace('\\', '/'))) kept.Add(m.Groups["guid"].Value);
            else removed.Add(m.Groups["guid"].Value);
        }
        // A solution folder stays only if a kept project sits in it, directly or through other folders.
        var parents = lines.Select(l => NestingLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["child"].Value, m => m.Groups["parent"].Value, StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var project in kept)
            for (var child = project; parents.TryGetValue(child, out var parent) && used.Add(parent);) child = parent;
        removed.UnionWith(folders.Where(f => !used.Contains(f)));
        var output = new StringBuilder();
        var skipping = false;
        foreach (var line in lines)
        {
            var m = ProjectLine().Match(line);
            if (m.Success) skipping = removed.Contains(m.Groups["guid"].Value);
            var drop = skipping || (!m.Success && removed.Any(g => line.Contains(g, StringComparison.OrdinalIgnoreCase)));
            if (skipping && line.Trim() == "EndProject") skipping = false;
            if (!drop) output.Append(line).Append(newline);
        }
        return output.ToString();
    }
}
