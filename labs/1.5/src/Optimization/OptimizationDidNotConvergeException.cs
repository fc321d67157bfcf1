namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>A minimiser used its iterations without meeting its stopping test; says where it was and how far from done.</summary>
public sealed class OptimizationDidNotConvergeException(string method, int iterations, double[] point, string remaining)
    : InvalidOperationException($"{method} did not converge in {iterations} iterations: it stopped at ({string.Join(", ", point.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}) with {remaining}. " +
                                "Raise MaxIterations, start closer, or check that f has a minimum.")
{
    public string Method { get; } = method;
    public int Iterations { get; } = iterations;
    public IReadOnlyList<double> Point { get; } = point;
}
