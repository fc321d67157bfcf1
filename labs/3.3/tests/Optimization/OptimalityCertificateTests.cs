using StatelessMind.Labs.ProbabilisticModels.Optimization;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Optimization;

/// <summary>Exercise 3.3-3a: the KKT certificate accepts true optima and rejects everything else.</summary>
public sealed class OptimalityCertificateTests
{
    [Fact]
    [Goal("3.3-3")]
    public void The_hand_solved_optimum_is_certified_with_zero_gap()
    {
        var lp = GlopSolverTests.HandSolved();
        var report = OptimalityCertificate.Check(lp, new LpSolution(LpStatus.Optimal, 12, [4, 0], [3, 0], [0, -1]));
        Assert.True(report.Holds, string.Join("; ", report.Failures()));
        Assert.Equal(12, report.DualObjective, 12);
        Assert.Equal(0, report.PrimalInfeasibility);
    }

    [Fact]
    [Goal("3.3-3")]
    public void A_feasible_vertex_that_is_not_optimal_fails_slackness_or_duality()
    {
        var lp = GlopSolverTests.HandSolved();
        // (3, 1) is a feasible vertex (both rows bind) with profit 11; the optimum's multipliers do not fit it.
        var report = OptimalityCertificate.Check(lp, new LpSolution(LpStatus.Optimal, 11, [3, 1], [3, 0], [0, -1]));
        Assert.Equal(0, report.PrimalInfeasibility, 12);
        Assert.False(report.Holds);
        Assert.True(report.ComplementarySlacknessViolation > 0.5, $"slackness {report.ComplementarySlacknessViolation}");
        // Its own multipliers (those of both binding rows) solve stationarity but have a negative price on a ≤ row.
        // 3 = y1 + y2, 2 = y1 + 3 y2 → y2 = −0.5, y1 = 3.5.
        var own = OptimalityCertificate.Check(lp, new LpSolution(LpStatus.Optimal, 11, [3, 1], [3.5, -0.5], [0, 0]));
        Assert.True(own.StationarityResidual < 1e-12);
        Assert.True(own.DualSignViolation > 0.4, $"sign violation {own.DualSignViolation}");
        Assert.False(own.Holds);
    }

    [Fact]
    [Goal("3.3-3")]
    public void An_infeasible_point_and_a_wrong_stationarity_are_measured()
    {
        var lp = GlopSolverTests.HandSolved();
        var outside = OptimalityCertificate.Check(lp, new LpSolution(LpStatus.Optimal, 15, [5, 0], [3, 0], [0, -1]));
        Assert.Equal(1, outside.PrimalInfeasibility, 12);
        var wrong = OptimalityCertificate.Check(lp, new LpSolution(LpStatus.Optimal, 12, [4, 0], [2, 0], [0, -1]));
        Assert.Equal(1, wrong.StationarityResidual, 12);
        Assert.False(outside.Holds || wrong.Holds);
    }

    [Fact]
    [Goal("3.3-3")]
    public void Minimizing_flips_the_signs_that_are_allowed()
    {
        // Minimize 2x + 3y with x + y ≥ 5, x ≤ 4: the optimum is (4, 1), cost 11. The ≥ row binds with dual 3
        // (c_y = y₁), and x at its upper bound has reduced cost 2 − 3 = −1.
        var lp = new LinearProgram("diet", ObjectiveSense.Minimize);
        lp.AddVariable("x", 2, 0, 4);
        lp.AddVariable("y", 3);
        lp.AddGreaterOrEqual("need", [("x", 1), ("y", 1)], 5);
        var truth = new LpSolution(LpStatus.Optimal, 11, [4, 1], [3], [-1, 0]);
        Assert.True(OptimalityCertificate.Check(lp, truth).Holds);
        var solved = GlopSolver.Solve(lp);
        Assert.True(OptimalityCertificate.Check(lp, solved).Holds, string.Join("; ", OptimalityCertificate.Check(lp, solved).Failures()));
        Assert.Equal(11, solved.Objective, 9);
        // The same numbers read as a maximization are not a certificate.
        var asMax = new LinearProgram("diet read as a maximization", ObjectiveSense.Maximize);
        asMax.AddVariable("x", 2, 0, 4);
        asMax.AddVariable("y", 3);
        asMax.AddGreaterOrEqual("need", [("x", 1), ("y", 1)], 5);
        Assert.False(OptimalityCertificate.Check(asMax, truth).Holds);
    }

    [Fact]
    [Goal("3.3-3")]
    public void Planted_bugs_in_the_transcription_are_rejected()
    {
        var workshop = ProductionPlans.Workshop();
        Assert.True(OptimalityCertificate.Check(workshop, GlopSolver.Solve(workshop)).Holds);
        var dropped = OptimalityCertificate.Check(workshop, GlopSolver.Solve(workshop, LpBug.DropsLastConstraint));
        Assert.True(dropped.PrimalInfeasibility > 1, $"the chair order is broken by {dropped.PrimalInfeasibility}");
        var flipped = OptimalityCertificate.Check(workshop, GlopSolver.Solve(workshop, LpBug.ReducedCostSignFlipped));
        Assert.False(flipped.Holds);
    }

    [Fact]
    [Goal("3.3-3")]
    public void Random_programs_are_certified()
    {
        var random = new Random(33);
        for (var k = 0; k < 40; k++)
        {
            var lp = ProductionPlans.Random(random, k);
            var solution = GlopSolver.Solve(lp);
            Assert.Equal(LpStatus.Optimal, solution.Status);
            var report = OptimalityCertificate.Check(lp, solution);
            Assert.True(report.Holds, $"{lp.Name}: {string.Join("; ", report.Failures())}");
        }
    }
}
