namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>
/// The Longley (1967) employment data and its certified regression results, as published by NIST in the Statistical
/// Reference Datasets (StRD), linear regression, "Longley" (higher difficulty): https://www.itl.nist.gov/div898/strd/lls/data/Longley.shtml.
/// Six strongly collinear predictors (condition number of the raw design near 10⁹) make it the classic test of whether a
/// least-squares routine keeps its digits. NIST certifies every value to 15 significant digits, computed in 500-digit arithmetic.
/// </summary>
public static class LongleyData
{
    public static IReadOnlyList<string> PredictorNames { get; } =
        ["GNP deflator", "GNP", "unemployed", "armed forces", "population", "year"];

    /// <summary>The coefficient names in the order of <see cref="RegressionFit.Coefficients"/>: the intercept, then the predictors.</summary>
    public static IReadOnlyList<string> CoefficientNames { get; } = ["intercept", .. PredictorNames];

    /// <summary>The 16 rows as NIST lists them: y (total employment), then x1 … x6.</summary>
    private static readonly double[,] Rows =
    {
        { 60323, 83.0, 234289, 2356, 1590, 107608, 1947 },
        { 61122, 88.5, 259426, 2325, 1456, 108632, 1948 },
        { 60171, 88.2, 258054, 3682, 1616, 109773, 1949 },
        { 61187, 89.5, 284599, 3351, 1650, 110929, 1950 },
        { 63221, 96.2, 328975, 2099, 3099, 112075, 1951 },
        { 63639, 98.1, 346999, 1932, 3594, 113270, 1952 },
        { 64989, 99.0, 365385, 1870, 3547, 115094, 1953 },
        { 63761, 100.0, 363112, 3578, 3350, 116219, 1954 },
        { 66019, 101.2, 397469, 2904, 3048, 117388, 1955 },
        { 67857, 104.6, 419180, 2822, 2857, 118734, 1956 },
        { 68169, 108.4, 442769, 2936, 2798, 120445, 1957 },
        { 66513, 110.8, 444546, 4681, 2637, 121950, 1958 },
        { 68655, 112.6, 482704, 3813, 2552, 123366, 1959 },
        { 69564, 114.2, 502601, 3931, 2514, 125368, 1960 },
        { 69331, 115.7, 518173, 4806, 2572, 127852, 1961 },
        { 70551, 116.9, 554894, 4007, 2827, 130081, 1962 },
    };

    public static double[] Response() => Enumerable.Range(0, Rows.GetLength(0)).Select(i => Rows[i, 0]).ToArray();

    public static double[][] Predictors() =>
        Enumerable.Range(0, Rows.GetLength(0)).Select(i => Enumerable.Range(1, 6).Select(j => Rows[i, j]).ToArray()).ToArray();

    /// <summary>Certified parameter estimates β₀ … β₆ (NIST StRD, Longley).</summary>
    public static IReadOnlyList<double> CertifiedCoefficients { get; } =
    [
        -3482258.63459582, 15.0618722713733, -0.358191792925910E-01, -2.02022980381683,
        -1.03322686717359, -0.511041056535807E-01, 1829.15146461355,
    ];

    /// <summary>Certified standard deviations of the estimates (NIST StRD, Longley).</summary>
    public static IReadOnlyList<double> CertifiedStandardErrors { get; } =
    [
        890420.383607373, 84.9149257747669, 0.334910077722432E-01, 0.488399681651699,
        0.214274163161675, 0.226073200069370, 455.478499142212,
    ];

    public const double CertifiedResidualStandardDeviation = 304.854073561965;
    public const double CertifiedRSquared = 0.995479004577296;
    public const double CertifiedRegressionSumOfSquares = 184172401.944494;
    public const double CertifiedResidualSumOfSquares = 836424.055505915;
    public const double CertifiedRegressionMeanSquare = 30695400.3240823;
    public const double CertifiedResidualMeanSquare = 92936.0061673238;
    public const double CertifiedFStatistic = 330.285339234588;
    public const int CertifiedRegressionDegreesOfFreedom = 6;
    public const int CertifiedResidualDegreesOfFreedom = 9;
}
