namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>A Poisson process needs a finite rate λ &gt; 0 (and a horizon, where one is given, finite and &gt; 0).</summary>
public sealed class InvalidRateException(string what, double value)
    : StatisticalInputException($"{what} is {value}: it must be finite and > 0.")
{
    public string What { get; } = what;
    public double Value { get; } = value;
}
