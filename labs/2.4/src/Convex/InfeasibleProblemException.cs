namespace StatelessMind.Labs.NumericalMethods.Convex;

/// <summary>The constraints of an optimisation problem admit no point at all: names the constraint set and why.</summary>
public sealed class InfeasibleProblemException(string problem, string reason)
    : NumericalMethodException($"{problem} is infeasible: {reason}.")
{
    public string Problem { get; } = problem;
}
