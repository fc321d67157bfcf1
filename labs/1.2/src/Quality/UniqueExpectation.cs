namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary><c>unique</c>: no non-null value occurs twice; every row holding a repeated value fails. Nulls are not values
/// and never collide (SQL's and Great Expectations' rule).</summary>
public sealed record UniqueExpectation(string Column) : Expectation
{
    public override string Type => "unique";
    public override bool IsRowLevel => true;
    public override string Key => $"unique({Column})";
    public override string Describe() => $"{Column} is unique (nulls ignored)";
}
