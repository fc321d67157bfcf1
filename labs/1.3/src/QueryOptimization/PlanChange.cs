namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>The change in the plan a rewrite is meant to bring.</summary>
public enum PlanChange
{
    /// <summary>A SubPlan run once per outer row becomes one aggregate joined in (Hash or Merge Join).</summary>
    SubPlanToJoin,
    /// <summary>A sequential scan of the table becomes index access.</summary>
    SeqScanToIndex,
    /// <summary>A scan that reads past every skipped row becomes an index scan that reads about one page of rows.</summary>
    OffsetToKeyset,
}
