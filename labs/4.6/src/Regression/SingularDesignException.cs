namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>The design matrix does not have full column rank: column <see cref="Column"/> is (numerically) a linear
/// combination of the columns before it, so its coefficient is not identified and X'X has no inverse.</summary>
public sealed class SingularDesignException(int column, string name, double pivot, double scale)
    : StatisticalInputException($"the design matrix is singular: column {column} ({name}) is a linear combination of the columns before it " +
        $"(Householder pivot |r[{column},{column}]| = {pivot:G3} against a column scale of {scale:G3}); drop or combine that predictor.")
{
    public int Column { get; } = column;
    public string Name { get; } = name;
}
