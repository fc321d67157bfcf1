namespace StatelessMind.Labs.DimensionalModeling.StarSchema;

/// <summary>What the audit of a built star schema found, each measured independently of dbt's own tests.</summary>
/// <param name="DuplicateGrainRows">Fact rows beyond the first for an (order_id, line_number) — 0 when the grain holds.</param>
/// <param name="DuplicateSalesKeys">Fact rows beyond the first sharing a sales_key — 0 when the surrogate key is unique.</param>
/// <param name="OrphansByDimension">Fact rows with no matching row in each dimension.</param>
/// <param name="FactRevenueCents">Σ revenue_cents in fct_sales.</param>
/// <param name="ExpectedRevenueCents">Σ quantity × unit price over the generated order lines (computed in C#).</param>
public sealed record StarSchemaAuditReport(long FactRows, long ExpectedRows, long DuplicateGrainRows, long DuplicateSalesKeys,
    IReadOnlyDictionary<string, long> OrphansByDimension, long FactRevenueCents, long ExpectedRevenueCents, long FactUnits, long ExpectedUnits)
{
    public bool GrainHolds => DuplicateGrainRows == 0 && DuplicateSalesKeys == 0 && FactRows == ExpectedRows;
    public bool ReferentiallyIntact => OrphansByDimension.Values.All(v => v == 0);
    public bool Reconciles => FactRevenueCents == ExpectedRevenueCents && FactUnits == ExpectedUnits;
}
