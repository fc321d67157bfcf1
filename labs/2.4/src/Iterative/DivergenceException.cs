namespace StatelessMind.Labs.NumericalMethods.Iterative;

/// <summary>An iteration is running away: its residual grew past a limit or stopped being a number. Names the method, the
/// iteration and the residual, and why divergence was to be expected when that is known (e.g. ρ of the iteration matrix ≥ 1).</summary>
public sealed class DivergenceException(string method, int iteration, double residual, string reason)
    : NumericalMethodException($"{method} diverges: at iteration {iteration} the residual is {residual:G4}; {reason}.")
{
    public string Method { get; } = method;
    public int Iteration { get; } = iteration;
    public double Residual { get; } = residual;
}
