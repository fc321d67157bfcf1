namespace StatelessMind.Labs.Programming.Sql;

/// <summary>Planted bugs: a query variant that is plausible SQL and returns a wrong answer, which the suite's check must catch.</summary>
public enum SqlSuiteBug
{
    None,
    /// <summary>The running total uses the default frame (RANGE … CURRENT ROW, ordered by day only): sales on the same day are peers and share one total.</summary>
    RangeFrameInRunningTotal,
    /// <summary>"Employees without sales" written as an inner join: it returns the employees <em>with</em> sales.</summary>
    InnerJoinForAntiJoin,
}
