namespace StatelessMind.Labs.Programming.Sql;

/// <summary>A query run on PostgreSQL against its independently computed expected result.</summary>
public sealed record QueryOutcome(SuiteQuery Query, ResultSet Expected, ResultSet Actual, ResultComparison Comparison, double Milliseconds)
{
    public bool Matches => Comparison.Equal;
}
