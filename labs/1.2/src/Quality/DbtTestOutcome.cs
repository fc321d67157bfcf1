namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>One dbt test's outcome, with the expectation of the suite it states: status Pass, Fail or Error, and the
/// number of rows its query returned (dbt's "failures"). <see cref="CountsRows"/>: the query returns one row per failing row
/// (not_null and the row-level singular tests), not one per offending value (unique, accepted_values) or one in all.</summary>
public sealed record DbtTestOutcome(string Test, string ExpectationKey, string Status, long Failures, bool CountsRows, string Message)
{
    public bool Passed => Status == "Pass";
}
