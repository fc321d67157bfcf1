namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>One dbt test's outcome, with the expectation of the suite it states: status Pass, Fail or Error, and the
/// number of rows its query returned (dbt's "failures": for unique and accepted_values, one row per offending value).</summary>
public sealed record DbtTestOutcome(string Test, string ExpectationKey, string Status, long Failures, string Message)
{
    public bool Passed => Status == "Pass";
}
