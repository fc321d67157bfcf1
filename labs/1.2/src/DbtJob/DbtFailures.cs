using StatelessMind.Labs.Orchestration.Operators;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>Which failures of a dbt build deserve a retry. A node that errored may have met a busy or unreachable
/// warehouse (a lock timeout, a dropped connection): retrying can cure it. A data test that failed while nothing errored
/// will fail again on the same data: retrying only delays the alert, so the task fails at once.</summary>
public static class DbtFailures
{
    /// <summary>The exception the task should fail with: <paramref name="failure"/> itself (retried), or a
    /// <see cref="DbtTestsFailedException"/> (not retried) naming the failing tests.</summary>
    public static Exception Classify(DbtCommandException failure)
    {
        #region Exercise 1.2-5b: keep an error (retryable) as it is; turn failing data tests, when nothing errored, into a DbtTestsFailedException (tests: DbtFailuresTests)
        var errored = failure.Results.Any(r => r.Status == NodeStatus.Error);
        var failing = failure.Results.Where(r => r.Status == NodeStatus.Fail).ToList();
        return !errored && failing.Count > 0 ? new DbtTestsFailedException(failure.Command, failing) : failure;
        #endregion
    }
}
