namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary><c>column_pair</c>: <c>ColumnA Operator ColumnB</c> holds in every row where both are present
/// (Great Expectations' <c>ignore_row_if: either_value_is_missing</c>). Operators: <c>&lt; &lt;= = &lt;&gt; &gt;= &gt;</c>.</summary>
public sealed record ColumnPairExpectation(string ColumnA, string Operator, string ColumnB) : Expectation
{
    public static readonly IReadOnlyList<string> Operators = ["<", "<=", "=", "<>", ">=", ">"];

    public override string Type => "column_pair";
    public override bool IsRowLevel => true;
    public override string Key => $"column_pair({ColumnA},{ColumnB})";
    public override string Describe() => $"{ColumnA} {Operator} {ColumnB} where both are present";
}
