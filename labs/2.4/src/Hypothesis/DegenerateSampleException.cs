namespace StatelessMind.Labs.NumericalMethods.Hypothesis;

/// <summary>A sample a test cannot use: too few values, no spread at all, mismatched pairs, an expected count of
/// zero. Names the sample and says what the test needs.</summary>
public sealed class DegenerateSampleException(string test, string sample, string problem)
    : NumericalMethodException($"{test}: sample '{sample}' {problem}.")
{
    public string Test { get; } = test;
    public string Sample { get; } = sample;
}
