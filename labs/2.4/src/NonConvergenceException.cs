namespace StatelessMind.Labs.NumericalMethods;

/// <summary>An iterative method used its whole iteration budget without meeting its tolerance: names the method,
/// the budget, the residual it reached and the tolerance it was asked for.</summary>
public sealed class NonConvergenceException(string method, int iterations, double residual, double tolerance)
    : NumericalMethodException($"{method} did not converge in {iterations} iterations: the residual is {residual:G4}, the tolerance {tolerance:G4}. Raise the iteration limit, loosen the tolerance, or check that the method applies to this input.")
{
    public string Method { get; } = method;
    public int Iterations { get; } = iterations;
    public double Residual { get; } = residual;
    public double Tolerance { get; } = tolerance;
}
