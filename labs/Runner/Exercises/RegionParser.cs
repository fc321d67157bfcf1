using System.Text.RegularExpressions;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// Reads exercise markers strictly. The header grammar is the same in every language:
/// <code>
/// header  = "Exercise" | "EXERCISE", " ", task-id, ": ", task, { " (", clause, ")" }
/// task-id = goal-id [ letter ]            e.g. 1.1.3-3b, or a bare goal id 1.4-2
/// clause  = "tests: " name { ", " name }  tests that check the task (a name is Class, Class.Method, or uses * within a segment)
///         | "returns " c-expression       C only: what the stub returns (default: -1; void functions return, pointers NULL)
/// </code>
/// A region may not nest in another, must be closed in its file, and must hold at least one line. In C the
/// header comment may span lines up to its <c>*/</c>. A marker-like comment that is not exactly one of the
/// forms (wrong case, a C# region written as a comment, no colon) is an error rather than ordinary text.
/// </summary>
public static partial class RegionParser
{
    [GeneratedRegex(@"^\s*#region\b(?<name>.*)$")]
    private static partial Regex CSharpRegion();

    [GeneratedRegex(@"^\s*#endregion\b")]
    private static partial Regex CSharpEndRegion();

    [GeneratedRegex(@"^exercise\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExerciseWord();

    [GeneratedRegex(@"^\s*(//|/\*)\s*(?<kind>end\s+exercise\b|exercise\s+\d)", RegexOptions.IgnoreCase)]
    private static partial Regex SlashMarkerAttempt();

    [GeneratedRegex(@"^\s*#\s*(?<kind>end\s+exercise\b|exercise\s+\d)", RegexOptions.IgnoreCase)]
    private static partial Regex HashMarkerAttempt();

    [GeneratedRegex(@"^\s*/\*\s*END EXERCISE\s*\*/\s*$")]
    private static partial Regex CEnd();

    [GeneratedRegex(@"^\s*/\*\s*EXERCISE\b(?<rest>.*)$")]
    private static partial Regex COpen();

    [GeneratedRegex(@"^\s*//\s*END EXERCISE\s*$")]
    private static partial Regex RustEnd();

    [GeneratedRegex(@"^\s*//\s*EXERCISE\b(?<rest>.*)$")]
    private static partial Regex RustOpen();

    [GeneratedRegex(@"^\s*#\s*END EXERCISE\s*$")]
    private static partial Regex BashEnd();

    [GeneratedRegex(@"^\s*#\s*EXERCISE\b(?<rest>.*)$")]
    private static partial Regex BashOpen();

    [GeneratedRegex(@"^\s+(?<id>[^\s:]+):\s+(?<task>\S.*?)\s*$")]
    private static partial Regex Header();

    [GeneratedRegex(@"\s*\((?<kind>tests|returns)\b\s*:?\s*(?<value>[^()]*)\)\s*$")]
    private static partial Regex TrailingClause();

    [GeneratedRegex(@"^\s*")]
    private static partial Regex LeadingSpace();

    public static RegionParseResult Parse(string file, string text)
    {
        var language = SourceLanguages.Of(file)
            ?? throw new ArgumentException($"{file}: no exercise markers are defined for files of this kind.", nameof(file));
        return Parse(file, text, language);
    }

    public static RegionParseResult Parse(string file, string text, SourceLanguage language)
    {
        var lines = SplitLines(text);
        var regions = new List<ExerciseRegion>();
        var problems = new List<RegionProblem>();
        var stack = new Stack<Frame>();
        for (var i = 0; i < lines.Count; i++)
        {
            var lineNumber = i + 1;
            var marker = Classify(lines, ref i, language);
            if (marker.Problem is { } misnamed) problems.Add(new RegionProblem(file, lineNumber, misnamed));
            switch (marker.Kind)
            {
                case MarkerKind.None:
                    break;
                case MarkerKind.PlainOpen:
                    stack.Push(new Frame(IsExercise: false, lineNumber, lineNumber, null));
                    break;
                case MarkerKind.Open:
                {
                    // A misnamed opening marker still pairs with its closing one, so that only the real mistake is reported.
                    var header = marker.Problem is null ? ParseHeader(file, lineNumber, marker.Header!, language, problems) : null;
                    if (stack.FirstOrDefault(f => f.IsExercise) is { } outer)
                    {
                        problems.Add(new RegionProblem(file, lineNumber,
                            $"an exercise region may not nest in another: the region opened at line {outer.StartLine} is still open"));
                        outer.Invalid = true;
                        header = null;
                    }
                    stack.Push(new Frame(IsExercise: true, lineNumber, i + 1, header) { Invalid = header is null });
                    break;
                }
                case MarkerKind.Close:
                {
                    if (stack.Count == 0)
                    {
                        problems.Add(new RegionProblem(file, lineNumber, language == SourceLanguage.CSharp
                            ? "#endregion without a #region"
                            : "END EXERCISE without an EXERCISE marker before it"));
                        break;
                    }
                    var frame = stack.Pop();
                    if (!frame.IsExercise || frame.Invalid || marker.Problem is not null) break;
                    var body = lines.Skip(frame.HeaderEndLine).Take(lineNumber - frame.HeaderEndLine - 1).ToList();
                    if (body.All(string.IsNullOrWhiteSpace))
                    {
                        problems.Add(new RegionProblem(file, frame.StartLine, "the region holds no code: there is nothing to turn into an exercise"));
                        break;
                    }
                    var h = frame.Header!;
                    regions.Add(new ExerciseRegion(file, language, h.TaskId, h.Task, h.Tests, h.Returns, frame.StartLine, frame.HeaderEndLine,
                        lineNumber, LeadingSpace().Match(lines[frame.StartLine - 1]).Value, body));
                    break;
                }
            }
        }
        foreach (var frame in stack.Where(f => f.IsExercise))
            problems.Add(new RegionProblem(file, frame.StartLine, language switch
            {
                SourceLanguage.CSharp => "the exercise region is never closed: no #endregion before the end of the file",
                SourceLanguage.C => "the exercise region is never closed: no /* END EXERCISE */ before the end of the file",
                SourceLanguage.Rust => "the exercise region is never closed: no // END EXERCISE before the end of the file",
                _ => "the exercise region is never closed: no # END EXERCISE before the end of the file",
            }));
        return new RegionParseResult(regions, problems.OrderBy(p => p.Line).ToList());
    }

    /// <summary>Splits on '\n', dropping a '\r' before it, so that line numbers match an editor's.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0 && text.EndsWith('\n')) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static Marker Classify(List<string> lines, ref int i, SourceLanguage language)
    {
        var line = lines[i];
        switch (language)
        {
            case SourceLanguage.CSharp:
            {
                if (CSharpEndRegion().IsMatch(line)) return new Marker(MarkerKind.Close);
                var region = CSharpRegion().Match(line);
                if (region.Success)
                {
                    var name = region.Groups["name"].Value.Trim();
                    if (!ExerciseWord().IsMatch(name)) return new Marker(MarkerKind.PlainOpen);
                    return name.StartsWith("Exercise ", StringComparison.Ordinal)
                        ? new Marker(MarkerKind.Open, Header: name["Exercise".Length..])
                        : new Marker(MarkerKind.Open, Problem: $"misnamed exercise region '#region {name}': write '#region Exercise <task id>: <task>'");
                }
                return SlashMarkerAttempt().IsMatch(line)
                    ? new Marker(MarkerKind.None, Problem: "an exercise marker in a C# file is '#region Exercise <task id>: <task>' … '#endregion', not a comment")
                    : new Marker(MarkerKind.None);
            }
            case SourceLanguage.C:
            {
                if (CEnd().IsMatch(line)) return new Marker(MarkerKind.Close);
                var open = COpen().Match(line);
                if (open.Success)
                {
                    var rest = open.Groups["rest"].Value;
                    var parts = new List<string>();
                    var start = i;
                    while (true)
                    {
                        var close = rest.IndexOf("*/", StringComparison.Ordinal);
                        if (close >= 0)
                        {
                            parts.Add(rest[..close]);
                            if (rest[(close + 2)..].Trim().Length > 0)
                                return new Marker(MarkerKind.Open, Problem: "nothing may follow the EXERCISE comment on its line");
                            break;
                        }
                        parts.Add(rest);
                        if (++i >= lines.Count)
                        {
                            i = start;
                            return new Marker(MarkerKind.Open, Problem: "the EXERCISE comment is never closed with */");
                        }
                        rest = lines[i].TrimStart().TrimStart('*');
                        if (rest.StartsWith('/')) rest = "*" + rest; // the line was just "*/"
                    }
                    return new Marker(MarkerKind.Open, Header: " " + string.Join(' ', parts.Select(p => p.Trim()).Where(p => p.Length > 0)));
                }
                return Misnamed(SlashMarkerAttempt().Match(line), "C regions are '/* EXERCISE <task id>: <task> */' … '/* END EXERCISE */'");
            }
            case SourceLanguage.Rust:
            {
                if (RustEnd().IsMatch(line)) return new Marker(MarkerKind.Close);
                var open = RustOpen().Match(line);
                if (open.Success) return new Marker(MarkerKind.Open, Header: open.Groups["rest"].Value);
                return Misnamed(SlashMarkerAttempt().Match(line), "Rust regions are '// EXERCISE <task id>: <task>' … '// END EXERCISE'");
            }
            default:
            {
                if (BashEnd().IsMatch(line)) return new Marker(MarkerKind.Close);
                var open = BashOpen().Match(line);
                if (open.Success) return new Marker(MarkerKind.Open, Header: open.Groups["rest"].Value);
                return Misnamed(HashMarkerAttempt().Match(line), "bash regions are '# EXERCISE <task id>: <task>' … '# END EXERCISE'");
            }
        }
    }

    /// <summary>A marker-like comment in the wrong form: an error, paired like the marker it meant to be.</summary>
    private static Marker Misnamed(Match attempt, string form) =>
        !attempt.Success ? new Marker(MarkerKind.None)
        : new Marker(attempt.Groups["kind"].Value.StartsWith("end", StringComparison.OrdinalIgnoreCase) ? MarkerKind.Close : MarkerKind.Open,
            Problem: $"misnamed exercise marker: {form}");

    private static ParsedHeader? ParseHeader(string file, int line, string text, SourceLanguage language, List<RegionProblem> problems)
    {
        var match = Header().Match(text);
        if (!match.Success)
        {
            problems.Add(new RegionProblem(file, line, $"the marker must read 'Exercise <task id>: <task>' (found '{text.Trim()}')"));
            return null;
        }
        var id = match.Groups["id"].Value;
        if (!ExerciseTaskId.IsWellFormed(id))
        {
            problems.Add(new RegionProblem(file, line, $"'{id}' is not a task id: write the goal id with an optional letter, e.g. 1.1.3-3b"));
            return null;
        }
        var task = match.Groups["task"].Value;
        IReadOnlyList<string> tests = [];
        string? returns = null;
        for (var clause = TrailingClause().Match(task); clause.Success; clause = TrailingClause().Match(task))
        {
            var value = clause.Groups["value"].Value.Trim();
            if (clause.Groups["kind"].Value == "tests")
            {
                tests = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (tests.Count == 0)
                {
                    problems.Add(new RegionProblem(file, line, "'(tests: …)' names no test"));
                    return null;
                }
            }
            else if (language != SourceLanguage.C)
            {
                problems.Add(new RegionProblem(file, line, "'(returns …)' is for C regions only: the other languages' stubs need no value"));
                return null;
            }
            else if (value.Length == 0)
            {
                problems.Add(new RegionProblem(file, line, "'(returns …)' needs the expression the stub returns"));
                return null;
            }
            else
            {
                returns = value;
            }
            task = task[..clause.Index];
        }
        task = task.Trim();
        if (task.Length == 0)
        {
            problems.Add(new RegionProblem(file, line, "the marker names no task after the colon"));
            return null;
        }
        return new ParsedHeader(id, task, tests, returns);
    }

    private enum MarkerKind { None, Open, Close, PlainOpen }

    /// <summary>What a line is; <see cref="Problem"/> is set for a marker written in the wrong form.</summary>
    private sealed record Marker(MarkerKind Kind, string? Header = null, string? Problem = null);

    private sealed record ParsedHeader(string TaskId, string Task, IReadOnlyList<string> Tests, string? Returns);

    private sealed record Frame(bool IsExercise, int StartLine, int HeaderEndLine, ParsedHeader? Header)
    {
        public bool Invalid { get; set; }
    }
}
