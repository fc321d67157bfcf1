namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>Least squares with inference needs more observations than coefficients: with n ≤ p there are no residual
/// degrees of freedom, so σ², the standard errors and every test are undefined.</summary>
public sealed class TooFewRowsException(int rows, int coefficients)
    : StatisticalInputException($"{rows} observations for {coefficients} coefficients: at least {coefficients + 1} rows are needed " +
        "so that the residual variance has a degree of freedom.")
{
    public int Rows { get; } = rows;
    public int Coefficients { get; } = coefficients;
}
