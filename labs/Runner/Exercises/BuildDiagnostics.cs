using System.Text.RegularExpressions;

namespace StatelessMind.Runner.Exercises;

/// <summary>Reads the errors out of MSBuild's, gcc's and rustc's output.</summary>
public static partial class BuildDiagnostics
{
    [GeneratedRegex(@"^\s*(?<file>[^\s(][^(]*?)\((?<line>\d+),\d+\): error (?<code>[A-Z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?\s*$")]
    private static partial Regex MsBuild();

    [GeneratedRegex(@"^(?<file>[^:\s][^:]*):(?<line>\d+):\d+: (?:fatal )?error: (?<message>.*)$")]
    private static partial Regex Gcc();

    [GeneratedRegex(@"^error(\[(?<code>E\d+)\])?: (?<message>.*)$")]
    private static partial Regex RustError();

    [GeneratedRegex(@"^\s*--> (?<file>[^:]+):(?<line>\d+):\d+")]
    private static partial Regex RustLocation();

    [GeneratedRegex(@"^(?<file>[^:\s][^:]*):(?<line>\d+):\d+: (?<level>error|warning|note|style|info): (?<message>.*?) \[(?<code>SC\d+)\]\s*$")]
    private static partial Regex ShellCheckGcc();

    [GeneratedRegex(@"^(?<file>[^:]+): line (?<line>\d+): (?<message>.*)$")]
    private static partial Regex BashSyntax();

    /// <summary>Findings of <c>shellcheck -f gcc</c> (every level counts, as the labs' own shellcheck test has it) and of <c>bash -n</c>.</summary>
    public static IReadOnlyList<BuildDiagnostic> ParseShell(string output, string directory)
    {
        var found = new List<BuildDiagnostic>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var m = ShellCheckGcc().Match(line);
            if (m.Success)
            {
                found.Add(new(Full(m.Groups["file"].Value, directory), int.Parse(m.Groups["line"].Value), m.Groups["code"].Value, m.Groups["message"].Value));
                continue;
            }
            m = BashSyntax().Match(line);
            if (m.Success) found.Add(new(Full(m.Groups["file"].Value, directory), int.Parse(m.Groups["line"].Value), "bash", m.Groups["message"].Value));
        }
        return found.Distinct().ToList();
    }

    /// <summary>Errors in <paramref name="output"/>, each once; relative paths are resolved against <paramref name="directory"/>.</summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string output, string directory)
    {
        var found = new List<BuildDiagnostic>();
        string? pendingRust = null;
        string? pendingCode = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var m = MsBuild().Match(line);
            if (m.Success)
            {
                found.Add(new(Full(m.Groups["file"].Value, directory), int.Parse(m.Groups["line"].Value), m.Groups["code"].Value, m.Groups["message"].Value));
                continue;
            }
            m = Gcc().Match(line);
            if (m.Success)
            {
                found.Add(new(Full(m.Groups["file"].Value, directory), int.Parse(m.Groups["line"].Value), "gcc", m.Groups["message"].Value));
                continue;
            }
            m = RustError().Match(line);
            if (m.Success)
            {
                pendingRust = m.Groups["message"].Value;
                pendingCode = m.Groups["code"].Success ? m.Groups["code"].Value : "rustc";
                continue;
            }
            m = RustLocation().Match(line);
            if (m.Success && pendingRust is not null)
            {
                found.Add(new(Full(m.Groups["file"].Value, directory), int.Parse(m.Groups["line"].Value), pendingCode!, pendingRust));
                pendingRust = null;
            }
        }
        return found.Distinct().ToList();
    }

    private static string Full(string file, string directory) => Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(directory, file));
}
