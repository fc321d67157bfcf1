namespace StatelessMind.Labs.DimensionalModeling.Hierarchies;

/// <summary>
/// What the audit of the snowflaked product hierarchy and the account bridge found in the database, beside what
/// the generated data says they must hold (computed in C#).
/// </summary>
/// <param name="DepartmentRows">Rows of dim_department; <paramref name="CategoryRows"/> of dim_category.</param>
/// <param name="RevenueByDepartment">Σ revenue per department through fct_sales → product → category → department.</param>
/// <param name="StarRevenueByDepartment">The same through the star's dim_product, whose department is a column.</param>
/// <param name="AccountsWeightNotOne">Accounts whose weighting factors do not add up to 1.</param>
/// <param name="WeightedBySegment">Σ amount × weighting factor per holder segment, through the bridge.</param>
/// <param name="UnweightedBySegment">Σ amount per holder segment, through the bridge, each holder counting in full.</param>
/// <param name="ModelBySegment">The project's account_amount_by_segment model: (weighted, unweighted) per segment.</param>
/// <param name="FactAmountCents">Σ amount_cents of fct_account_transactions.</param>
public sealed record HierarchyAuditReport(
    long DepartmentRows,
    long CategoryRows,
    IReadOnlyDictionary<string, long> RevenueByDepartment,
    IReadOnlyDictionary<string, long> StarRevenueByDepartment,
    long AccountsWeightNotOne,
    IReadOnlyDictionary<string, decimal> WeightedBySegment,
    IReadOnlyDictionary<string, decimal> UnweightedBySegment,
    IReadOnlyDictionary<string, (decimal Weighted, decimal Unweighted)> ModelBySegment,
    long FactAmountCents);
