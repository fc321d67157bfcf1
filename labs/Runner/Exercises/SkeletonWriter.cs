using System.Text;
using System.Text.RegularExpressions;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// Replaces regions with stubs that build and fail at run time, keeping the task as a comment above each stub:
/// C# <c>throw new NotImplementedException("Exercise …")</c>; C <c>return -1;</c> (or the header's <c>(returns …)</c>,
/// a bare <c>return;</c> in a void function, <c>NULL</c> for a pointer); Rust <c>unimplemented!("…")</c>;
/// bash <c>echo "…" >&amp;2; exit 1</c>.
/// A file that received a stub also gets one line at its top that silences what a stub makes unreachable or unused
/// (the statements after it, an async method's awaits, a helper only the region called), and nothing else:
/// a variable declared in a region and used after it, or a constant left unused before it, still fails the build.
/// </summary>
public static partial class SkeletonWriter
{
    /// <summary>Warnings a stub causes by itself: unreachable code, an async method without await, private fields,
    /// primary-constructor parameters and local functions that only the region used.</summary>
    public const string CSharpPrelude =
        "#pragma warning disable CS0162, CS1998, CS0169, CS0414, CS0649, CS8321, CS9113 // exercise stubs: what follows a stub, or only its region used, is unreachable or unused until the exercise is done";

    /// <summary>A stub leaves the function's parameters, and static helpers only the region called, unused.</summary>
    public static readonly string[] CPrelude =
    [
        "/* Exercise stubs: parameters and static helpers that only a region used are unused until the exercise is done. */",
        "#pragma GCC diagnostic ignored \"-Wunused-parameter\"",
        "#pragma GCC diagnostic ignored \"-Wunused-function\"",
    ];

    public const string RustPrelude =
        "#![allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_imports, dead_code)] // exercise stubs: what follows a stub, or only its region used, is unreachable or unused until the exercise is done";

    public static readonly string[] BashPrelude =
    [
        "# Exercise stubs: the commands after a stub are unreachable, and variables only a region used are unused, until the exercise is done.",
        "# shellcheck disable=SC2317,SC2034",
    ];

    [GeneratedRegex(@"^(?<type>[A-Za-z_][\w\s\*]*?[\s\*])(?<name>[A-Za-z_]\w*)\s*\(")]
    private static partial Regex CFunctionHead();

    public static RewrittenFile Rewrite(string text, IEnumerable<ExerciseRegion> regions)
    {
        var ordered = regions.OrderBy(r => r.StartLine).ToList();
        if (ordered.Count == 0) return new RewrittenFile(text, Enumerable.Range(1, RegionParser.SplitLines(text).Count).ToList(), []);
        var language = ordered[0].Language;
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = RegionParser.SplitLines(text);
        var output = new List<string>();
        var origins = new List<int>();
        var stubs = new List<StubPlacement>();

        void Emit(string line, int origin)
        {
            output.Add(line);
            origins.Add(origin);
        }

        var next = 0; // 0-based index of the next original line to copy
        if (language == SourceLanguage.Bash)
        {
            if (lines.Count > 0 && lines[0].StartsWith("#!", StringComparison.Ordinal)) Emit(lines[next++], 1);
            foreach (var line in BashPrelude) Emit(line, 0);
        }
        else if (language == SourceLanguage.C)
        {
            foreach (var line in CPrelude) Emit(line, 0);
        }
        else
        {
            Emit(language == SourceLanguage.CSharp ? CSharpPrelude : RustPrelude, 0);
        }

        foreach (var region in ordered)
        {
            if (region.StartLine - 1 < next)
                throw new InvalidOperationException($"{region.Location}: regions overlap; the parser should have refused this file.");
            for (; next < region.StartLine - 1; next++) Emit(lines[next], next + 1);
            var first = output.Count + 1;
            foreach (var line in StubLines(region, lines)) Emit(region.Indent + line, region.StartLine);
            stubs.Add(new StubPlacement(region, first, output.Count));
            next = region.EndLine;
        }
        for (; next < lines.Count; next++) Emit(lines[next], next + 1);

        var builder = new StringBuilder();
        foreach (var line in output) builder.Append(line).Append(newline);
        if (!text.EndsWith('\n') && builder.Length >= newline.Length) builder.Length -= newline.Length;
        return new RewrittenFile(builder.ToString(), origins, stubs);
    }

    /// <summary>The stub's lines, without the region's indentation.</summary>
    public static IReadOnlyList<string> StubLines(ExerciseRegion region, IReadOnlyList<string> fileLines)
    {
        var message = $"Exercise {region.TaskId}: {region.Task}";
        return region.Language switch
        {
            SourceLanguage.CSharp =>
            [
                $"// {region.Header}",
                $"throw new NotImplementedException(\"{EscapeCSharp(message)}\");",
            ],
            SourceLanguage.C =>
            [
                $"/* {region.Header} */",
                CReturn(region, fileLines) is { } value ? $"return {value}; /* not implemented yet */" : "return; /* not implemented yet */",
            ],
            SourceLanguage.Rust =>
            [
                $"// {region.Header}",
                $"unimplemented!(\"{EscapeRust(message)}\");",
            ],
            _ =>
            [
                $"# {region.Header}",
                $"echo \"{EscapeBash(message)} (not implemented yet)\" >&2; exit 1",
            ],
        };
    }

    /// <summary>
    /// What a C stub returns: the header's <c>(returns …)</c>; else, from the enclosing function's return type,
    /// nothing for void, NULL for a pointer, -1.0 for floating point, false for bool, and -1 for every other type.
    /// </summary>
    public static string? CReturn(ExerciseRegion region, IReadOnlyList<string> fileLines)
    {
        if (region.Returns is { } explicitValue) return explicitValue;
        for (var i = region.StartLine - 2; i >= 0; i--)
        {
            var line = fileLines[i];
            if (line.Length == 0 || !(char.IsLetter(line[0]) || line[0] == '_')) continue;
            var head = CFunctionHead().Match(line);
            if (!head.Success) continue;
            var type = head.Groups["type"].Value;
            if (type.Contains('*', StringComparison.Ordinal)) return "NULL";
            var words = type.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return words.LastOrDefault() switch
            {
                "void" => null,
                "double" or "float" => "-1.0",
                "bool" or "_Bool" => "false",
                _ => "-1",
            };
        }
        return "-1";
    }

    private static string EscapeCSharp(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string EscapeRust(string s) => EscapeCSharp(s).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    private static string EscapeBash(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("$", "\\$", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal);
}
