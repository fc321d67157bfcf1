using System.Text.RegularExpressions;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// A test name from a region header's <c>(tests: …)</c>: one or more whole dot-separated segments of a test's
/// <c>Namespace.Class.Method</c>, where <c>*</c> stands for any characters within a segment.
/// <c>MergingIteratorTests</c> names a class, <c>RaftTests.Election*</c> some of its methods, <c>*3A</c> every
/// method (or class) whose name ends in 3A.
/// </summary>
public static class TestNamePattern
{
    public static bool Matches(string pattern, string method)
    {
        var segments = pattern.Split('.').Select(s => Regex.Escape(s).Replace(@"\*", "[^.]*", StringComparison.Ordinal));
        return Regex.IsMatch(method, $@"(^|\.){string.Join(@"\.", segments)}(\.|$)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public static bool MatchesAny(IEnumerable<string> patterns, TestCaseResult test) => patterns.Any(p => Matches(p, test.Method));
}
