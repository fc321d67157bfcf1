namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary><c>not_null</c>: every row has a value in the column.</summary>
public sealed record NotNullExpectation(string Column) : Expectation
{
    public override string Type => "not_null";
    public override bool IsRowLevel => true;
    public override string Key => $"not_null({Column})";
    public override string Describe() => $"{Column} is never null";
}
