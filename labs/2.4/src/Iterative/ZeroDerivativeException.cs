namespace StatelessMind.Labs.NumericalMethods.Iterative;

/// <summary>Newton's step f(x)/f'(x) is undefined: the derivative is zero (the tangent is flat) at x, where f(x) ≠ 0.</summary>
public sealed class ZeroDerivativeException(double x, double fx, int iteration)
    : NumericalMethodException($"Newton–Raphson: f'(x) = 0 at x = {x:G17} (iteration {iteration}) while f(x) = {fx:G4}: the tangent is flat and has no root; start elsewhere or bracket the root (bisection, Brent).")
{
    public double X { get; } = x;
    public int Iteration { get; } = iteration;
}
