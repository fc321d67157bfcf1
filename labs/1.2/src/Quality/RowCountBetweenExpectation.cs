namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary><c>row_count_between</c>: the table holds between Min and Max rows, both inclusive.</summary>
public sealed record RowCountBetweenExpectation(long Min, long Max) : Expectation
{
    public override string Type => "row_count_between";
    public override bool IsRowLevel => false;
    public override string Key => "row_count_between";
    public override string Describe() => $"{Min:N0} ≤ row count ≤ {Max:N0}";
}
