namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary><c>in_set</c>: non-null values are one of the listed values (dbt's <c>accepted_values</c>).</summary>
public sealed record InSetExpectation(string Column, IReadOnlyList<string> Values) : Expectation
{
    public override string Type => "in_set";
    public override bool IsRowLevel => true;
    public override string Key => $"in_set({Column})";
    public override string Describe() => $"{Column} ∈ {{{string.Join(", ", Values)}}}";
}
