namespace StatelessMind.Labs.MathFoundations.Probability;

/// <summary>A distribution or test was given a parameter outside its domain (which one, its value, what is allowed).</summary>
public sealed class DistributionParameterException(string distribution, string parameter, double value, string expected)
    : ArgumentOutOfRangeException(parameter, value, $"{distribution}: {parameter} = {value} is not allowed; expected {expected}.")
{
    public string Distribution { get; } = distribution;
    public string Parameter { get; } = parameter;
}
