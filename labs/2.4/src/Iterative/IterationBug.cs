namespace StatelessMind.Labs.NumericalMethods.Iterative;

/// <summary>Deliberate mistakes of goal 2.4-3's methods (tests and the experiment's bug runs only).</summary>
public enum IterationBug
{
    None,

    /// <summary>The sweep reads only the previous iterate (Jacobi's method) instead of each new value as soon as it is
    /// computed: it still converges on diagonally dominant systems, but at Jacobi's rate, not at ρ of Gauss–Seidel's
    /// iteration matrix.</summary>
    JacobiSweep,

    /// <summary>Newton keeps the derivative of the starting point (the chord method): convergence becomes linear, and the
    /// measured order drops from 2 to 1.</summary>
    FrozenDerivative,
}
