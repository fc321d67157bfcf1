namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>The observations do not form a table: a row has the wrong number of predictors, a value is NaN or infinite,
/// or the response has a different length from the predictors. <see cref="Row"/> and <see cref="Column"/> say where.</summary>
public sealed class ObservationShapeException(int row, int column, string expected)
    : StatisticalInputException($"observation row {row}, column {column}: expected {expected}.")
{
    public int Row { get; } = row;
    public int Column { get; } = column;
}
