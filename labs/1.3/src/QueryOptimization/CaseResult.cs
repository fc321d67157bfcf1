using StatelessMind.Labs.Programming.Sql;

namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>One case measured: the original and the rewrite's plans and rows, whether the rows are identical and whether the plan changed as intended.</summary>
public sealed record CaseResult(OptimizationCase Case, ExplainPlan Before, ExplainPlan After, ResultSet BeforeRows, ResultSet AfterRows,
    RowIdentity Identity, bool PlanChanged, string PlanChangeDescription)
{
    public double Speedup => Before.ExecutionMs / Math.Max(After.ExecutionMs, 0.001);
}
