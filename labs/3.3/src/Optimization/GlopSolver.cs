using Google.OrTools.LinearSolver;

namespace StatelessMind.Labs.ProbabilisticModels.Optimization;

/// <summary>
/// Solves a <see cref="LinearProgram"/> with OR-Tools' GLOP (a primal and dual simplex), the role PuLP plays over
/// CBC in the curriculum. GLOP reports dual values and reduced costs in the convention c = Aᵀy + d for both senses,
/// which is the convention of <see cref="LpSolution"/>. Its presolve may call an unbounded program infeasible; a
/// second solve without objective tells the two apart.
/// </summary>
public static class GlopSolver
{
    public static LpSolution Solve(LinearProgram program, LpBug bug = LpBug.None)
    {
        ArgumentNullException.ThrowIfNull(program);
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver in this build");
        var variables = program.Variables.Select(v => solver.MakeNumVar(v.Lower, v.Upper, v.Name)).ToArray();
        var rows = program.Constraints;
        var handed = bug == LpBug.DropsLastConstraint ? rows.Take(rows.Count - 1).ToList() : rows.ToList();
        var constraints = handed.Select(r =>
        {
            var c = solver.MakeConstraint(r.Lower, r.Upper, r.Name);
            for (var j = 0; j < variables.Length; j++)
                if (r.Coefficients[j] != 0) c.SetCoefficient(variables[j], r.Coefficients[j]);
            return c;
        }).ToArray();
        var objective = solver.Objective();
        for (var j = 0; j < variables.Length; j++) objective.SetCoefficient(variables[j], program.Variables[j].Cost);
        if (program.Sense == ObjectiveSense.Maximize) objective.SetMaximization();
        else objective.SetMinimization();

        var status = solver.Solve();
        switch (status)
        {
            case Solver.ResultStatus.OPTIMAL:
                break;
            case Solver.ResultStatus.INFEASIBLE:
                // GLOP's presolve can answer "infeasible" for a program that is infeasible or unbounded. The feasibility
                // problem (the same rows, a zero objective) decides: if it has a solution, the program is unbounded.
                objective.Clear();
                return solver.Solve() == Solver.ResultStatus.OPTIMAL ? LpSolution.Without(LpStatus.Unbounded) : LpSolution.Without(LpStatus.Infeasible);
            case Solver.ResultStatus.UNBOUNDED:
                return LpSolution.Without(LpStatus.Unbounded);
            default:
                throw new InvalidOperationException($"GLOP stopped on {program.Name} with status {status}");
        }
        var duals = new double[rows.Count];
        for (var i = 0; i < constraints.Length; i++) duals[i] = constraints[i].DualValue();
        var sign = bug == LpBug.ReducedCostSignFlipped ? -1 : 1;
        return new LpSolution(LpStatus.Optimal, objective.Value(),
            [.. variables.Select(v => v.SolutionValue())], duals, [.. variables.Select(v => sign * v.ReducedCost())]);
    }
}
