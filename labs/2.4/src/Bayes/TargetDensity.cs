namespace StatelessMind.Labs.NumericalMethods.Bayes;

/// <summary>What a sampler needs to know about the distribution it draws from: the log density up to a constant and
/// its gradient, on an unconstrained space of <paramref name="Dimension"/> coordinates.</summary>
public sealed record TargetDensity(int Dimension, Func<double[], double> LogDensity, Func<double[], double[]> Gradient);
