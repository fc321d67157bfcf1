using StatelessMind.Labs.ProbabilisticModels.Optimization;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Optimization;

/// <summary>GLOP through the lab's model: a hand-solved case pins the optimum and the sign convention of the duals and
/// reduced costs; infeasible and unbounded models are reported as such.</summary>
public sealed class GlopSolverTests
{
    /// <summary>Maximize 3x + 2y with x + y ≤ 4 and x + 3y ≤ 6: the optimum is the vertex (4, 0) with profit 12. The first
    /// row binds and x is basic, so its dual is 3 (c_x = y₁); the second is slack (dual 0); y sits at its lower bound with
    /// reduced cost 2 − 3 = −1.</summary>
    internal static LinearProgram HandSolved()
    {
        var lp = new LinearProgram("hand-solved", ObjectiveSense.Maximize);
        lp.AddVariable("x", 3);
        lp.AddVariable("y", 2);
        lp.AddLessOrEqual("first", [("x", 1), ("y", 1)], 4);
        lp.AddLessOrEqual("second", [("x", 1), ("y", 3)], 6);
        return lp;
    }

    [Fact]
    [Goal("3.3-3")]
    public void A_hand_solved_program_gives_its_vertex_duals_and_reduced_costs()
    {
        var solution = GlopSolver.Solve(HandSolved());
        Assert.Equal(LpStatus.Optimal, solution.Status);
        Assert.Equal(12, solution.Objective, 9);
        Assert.Equal([4, 0], solution.Values.Select(v => Math.Round(v, 9)));
        Assert.Equal([3, 0], solution.Duals.Select(v => Math.Round(v, 9)));
        Assert.Equal([0, -1], solution.ReducedCosts.Select(v => Math.Round(v, 9)));
    }

    [Fact]
    [Goal("3.3-3")]
    public void Infeasible_and_unbounded_workshops_are_reported_as_such()
    {
        Assert.Equal(LpStatus.Optimal, GlopSolver.Solve(ProductionPlans.Workshop()).Status);
        Assert.Equal(LpStatus.Infeasible, GlopSolver.Solve(ProductionPlans.InfeasibleWorkshop()).Status);
        Assert.Equal(LpStatus.Unbounded, GlopSolver.Solve(ProductionPlans.UnboundedWorkshop()).Status);
        Assert.Empty(GlopSolver.Solve(ProductionPlans.InfeasibleWorkshop()).Values);
    }

    [Fact]
    [Goal("3.3-3")]
    public void The_workshop_makes_its_chair_order_and_pays_for_it()
    {
        var workshop = ProductionPlans.Workshop();
        var plan = GlopSolver.Solve(workshop);
        var chairs = Array.IndexOf(ProductionPlans.Products, "chairs");
        var order = workshop.Constraints.ToList().FindIndex(r => r.Name == "chair order");
        Assert.InRange(plan.Values[chairs], 40 - 1e-9, double.PositiveInfinity);
        // Relaxing a binding ≥ row can only help a maximization, so its dual is ≤ 0.
        Assert.True(plan.Duals[order] <= 1e-9, $"the chair order's dual is {plan.Duals[order]}");
    }
}
