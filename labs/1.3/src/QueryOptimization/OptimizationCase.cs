namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>An inefficient query, its rewrite, the indexes the rewrite needs and the plan change it should bring.</summary>
public sealed record OptimizationCase(string Name, string Problem, string Fix, string BeforeSql, string AfterSql, IReadOnlyList<string> IndexSql, PlanChange ExpectedChange);
