namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>Deliberate mistakes in goal 4.6-1's inference (tests and the experiment's bug runs only).</summary>
public enum RegressionBug
{
    None,

    /// <summary>σ² is estimated as RSS / n (the maximum-likelihood value) instead of RSS / (n − p): every standard error
    /// shrinks by √((n − p)/n), so the t statistics, p-values and intervals all come out too confident.</summary>
    VarianceOverN,

    /// <summary>R² uses the uncentred total Σy² instead of Σ(y − ȳ)²: with an intercept in the model it comes out near 1
    /// whatever the fit, and the F statistic built from it is wrong too.</summary>
    UncentredTotal,
}
