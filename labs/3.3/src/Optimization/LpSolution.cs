namespace StatelessMind.Labs.ProbabilisticModels.Optimization;

/// <summary>What the solver concluded about a program.</summary>
public enum LpStatus
{
    Optimal,
    Infeasible,
    Unbounded,
}

/// <summary>
/// A solver's answer. For an optimal program: the point x, its objective value, one dual value (shadow price) per
/// row and one reduced cost per variable, with the signs of a Lagrangian L = c·x − yᵀ(A x) − dᵀx: at the optimum
/// c = Aᵀy + d. For an infeasible or unbounded program the arrays are empty.
/// </summary>
public sealed record LpSolution(LpStatus Status, double Objective, double[] Values, double[] Duals, double[] ReducedCosts)
{
    public static LpSolution Without(LpStatus status) => new(status, double.NaN, [], [], []);
}
