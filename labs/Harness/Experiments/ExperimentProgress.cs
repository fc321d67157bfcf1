namespace StatelessMind.Harness.Experiments;

/// <summary>How far an experiment has got: a fraction in [0, 1] and what it is doing.</summary>
public sealed record ExperimentProgress(double Fraction, string Message);
