namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary><c>regex</c>: every non-null value matches the pattern as a whole (the match is anchored at both ends).
/// Patterns should keep to the syntax .NET and PostgreSQL share (classes, quantifiers, groups, alternation).</summary>
public sealed record RegexExpectation(string Column, string Pattern) : Expectation
{
    public override string Type => "regex";
    public override bool IsRowLevel => true;
    public override string Key => $"regex({Column})";
    public override string Describe() => $"{Column} matches /{Pattern}/ entirely";
}
