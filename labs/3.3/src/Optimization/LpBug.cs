namespace StatelessMind.Labs.ProbabilisticModels.Optimization;

/// <summary>Planted mistakes of the model transcription (tests and the experiment's bug runs only).</summary>
public enum LpBug
{
    None,

    /// <summary>The last row is never handed to the solver: it answers a looser program, and its optimum can break that row.</summary>
    DropsLastConstraint,

    /// <summary>The reduced costs are read with the wrong sign (a sign convention mistaken between two solvers).</summary>
    ReducedCostSignFlipped,
}
