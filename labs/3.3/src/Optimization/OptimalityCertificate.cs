namespace StatelessMind.Labs.ProbabilisticModels.Optimization;

/// <summary>
/// How far a solver's answer is from a proof of optimality. Each figure is the largest violation of one condition
/// (0 when it holds exactly); <see cref="Holds"/> when every one is within the tolerance, scaled by the size of the
/// numbers involved. The dual objective is what the duals and reduced costs price the active bounds at.
/// </summary>
public sealed record CertificateReport(
    double PrimalInfeasibility,
    double StationarityResidual,
    double DualSignViolation,
    double ComplementarySlacknessViolation,
    double PrimalObjective,
    double DualObjective,
    double Tolerance)
{
    public double DualityGap => Math.Abs(PrimalObjective - DualObjective);

    public bool Holds =>
        PrimalInfeasibility <= Tolerance && StationarityResidual <= Tolerance && DualSignViolation <= Tolerance
        && ComplementarySlacknessViolation <= Tolerance && DualityGap <= Tolerance * Math.Max(1, Math.Abs(PrimalObjective));

    /// <summary>The conditions that fail, in words, for a check's text.</summary>
    public IReadOnlyList<string> Failures()
    {
        var failures = new List<string>();
        if (PrimalInfeasibility > Tolerance) failures.Add($"primal feasibility (a row or bound broken by {PrimalInfeasibility:G3})");
        if (StationarityResidual > Tolerance) failures.Add($"stationarity c = Aᵀy + d (residual {StationarityResidual:G3})");
        if (DualSignViolation > Tolerance) failures.Add($"dual feasibility (a multiplier of the wrong sign by {DualSignViolation:G3})");
        if (ComplementarySlacknessViolation > Tolerance) failures.Add($"complementary slackness (a priced bound slack by {ComplementarySlacknessViolation:G3})");
        if (DualityGap > Tolerance * Math.Max(1, Math.Abs(PrimalObjective))) failures.Add($"strong duality (gap {DualityGap:G3})");
        return failures;
    }
}

/// <summary>
/// Checks a claimed optimum of a linear program without trusting the solver: the KKT conditions of an LP, which are
/// sufficient as well as necessary. For "maximize c·x subject to L ≤ A x ≤ U, l ≤ x ≤ u" with multipliers y (rows) and
/// d (variables): primal feasibility; stationarity c = Aᵀy + d; dual feasibility, that is a positive multiplier only
/// on a finite upper bound and a negative one only on a finite lower bound (the other way round when minimizing);
/// complementary slackness, each non-zero multiplier's bound active; and then strong duality, c·x equal to the
/// bounds priced by the multipliers.
/// </summary>
public static class OptimalityCertificate
{
    public static CertificateReport Check(LinearProgram program, LpSolution solution, double tolerance = 1e-7)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(solution);
        if (solution.Status != LpStatus.Optimal) throw new ArgumentException($"only an optimal solution has a certificate; this one is {solution.Status}", nameof(solution));
        var variables = program.Variables;
        var rows = program.Constraints;
        if (solution.Values.Length != variables.Count || solution.ReducedCosts.Length != variables.Count || solution.Duals.Length != rows.Count)
            throw new ArgumentException($"{program.Name} has {variables.Count} variables and {rows.Count} rows; the solution has {solution.Values.Length} values, " +
                                        $"{solution.ReducedCosts.Length} reduced costs and {solution.Duals.Length} duals", nameof(solution));
        var x = solution.Values;
        var y = solution.Duals;
        var d = solution.ReducedCosts;
        // Tolerance relative to the magnitude of the numbers compared.
        var scale = Math.Max(1, x.Concat(y).Concat(d).Select(Math.Abs).DefaultIfEmpty(0).Max());
        var tol = tolerance * scale;

        #region Exercise 3.3-3a: measure primal feasibility, stationarity, dual signs, complementary slackness and the dual objective (tests: OptimalityCertificateTests)
        // Maximizing, a multiplier that would raise the objective if its bound were relaxed upward is positive; minimizing
        // flips every sign. Work in "maximize" form: σ = +1 or −1.
        var sigma = program.Sense == ObjectiveSense.Maximize ? 1.0 : -1.0;
        double primal = 0, stationarity = 0, sign = 0, slackness = 0, dualObjective = 0;

        // Each priced bound: value v of the row or variable, bounds [lo, hi], multiplier m.
        void Bound(double v, double lo, double hi, double m)
        {
            primal = Math.Max(primal, Math.Max(lo - v, v - hi));
            var up = sigma * m; // > 0: the upper bound is priced; < 0: the lower one
            if (up > tol)
            {
                if (double.IsPositiveInfinity(hi)) sign = Math.Max(sign, up);
                else
                {
                    slackness = Math.Max(slackness, Math.Abs(hi - v) * up);
                    dualObjective += m * hi;
                }
            }
            else if (up < -tol)
            {
                if (double.IsNegativeInfinity(lo)) sign = Math.Max(sign, -up);
                else
                {
                    slackness = Math.Max(slackness, Math.Abs(v - lo) * -up);
                    dualObjective += m * lo;
                }
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var activity = 0.0;
            for (var j = 0; j < x.Length; j++) activity += rows[i].Coefficients[j] * x[j];
            Bound(activity, rows[i].Lower, rows[i].Upper, y[i]);
        }
        for (var j = 0; j < variables.Count; j++)
        {
            Bound(x[j], variables[j].Lower, variables[j].Upper, d[j]);
            var aty = 0.0;
            for (var i = 0; i < rows.Count; i++) aty += rows[i].Coefficients[j] * y[i];
            stationarity = Math.Max(stationarity, Math.Abs(variables[j].Cost - aty - d[j]));
        }
        return new CertificateReport(Math.Max(0, primal), stationarity, sign, slackness, program.Objective(x), dualObjective, tol);
        #endregion
    }
}
