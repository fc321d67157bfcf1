namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>
/// An ordinary-least-squares fit with an intercept and its inference: per coefficient the estimate, its standard error,
/// t statistic, two-sided p-value and confidence interval; for the model the ANOVA split of the sums of squares, R²,
/// adjusted R² and the F test of "every slope is zero".
/// </summary>
public sealed record RegressionFit(
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> StandardErrors,
    IReadOnlyList<double> TStatistics,
    IReadOnlyList<double> PValues,
    IReadOnlyList<(double Lower, double Upper)> ConfidenceIntervals,
    double ConfidenceLevel,
    double ResidualSumOfSquares,
    double TotalSumOfSquares,
    int RegressionDegreesOfFreedom,
    int ResidualDegreesOfFreedom,
    double ResidualMeanSquare,
    double RSquared,
    double AdjustedRSquared,
    double FStatistic,
    double FPValue)
{
    public double RegressionSumOfSquares => TotalSumOfSquares - ResidualSumOfSquares;
    public double RegressionMeanSquare => RegressionSumOfSquares / RegressionDegreesOfFreedom;
    public double ResidualStandardDeviation => Math.Sqrt(ResidualMeanSquare);
}
