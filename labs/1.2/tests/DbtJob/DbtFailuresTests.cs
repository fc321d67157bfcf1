using StatelessMind.Labs.Lifecycle.DbtJob;
using StatelessMind.Labs.Orchestration.Operators;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Lifecycle.Tests.DbtJob;

/// <summary>Which build failures are retried: errors are, failing data tests (with nothing errored) are not.</summary>
[Goal("1.2-5")]
public sealed class DbtFailuresTests
{
    private static readonly NodeResult Built = new("model.retail.dim_customer", NodeStatus.Success);
    private static readonly NodeResult Passed = new("test.retail.unique_dim_customer_customer_key", NodeStatus.Pass);
    private static readonly NodeResult Failed = new("test.retail.accepted_values_dim_customer_segment", NodeStatus.Fail, 4, "Got 4 results, configured to fail if != 0");
    private static readonly NodeResult Errored = new("model.retail.fct_sales", NodeStatus.Error, 0, "models/marts/fct_sales.sql: canceling statement due to lock timeout");
    private static readonly NodeResult Skipped = new("model.retail.fct_daily_store_sales", NodeStatus.Skipped);

    [Fact]
    public void Failing_tests_with_nothing_errored_fail_the_task_without_a_retry_and_are_named()
    {
        var failure = new DbtCommandException("build", [Built, Passed, Failed, Skipped]);

        var classified = DbtFailures.Classify(failure);

        var tests = Assert.IsType<DbtTestsFailedException>(classified);
        Assert.IsAssignableFrom<TaskFailedException>(classified);
        Assert.Equal([Failed], tests.FailingTests);
        Assert.Contains("test.retail.accepted_values_dim_customer_segment (4 failing rows)", tests.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_is_left_to_the_retries_even_beside_a_failing_test()
    {
        var alone = new DbtCommandException("build", [Built, Errored, Skipped]);
        var mixed = new DbtCommandException("build", [Built, Failed, Errored]);

        Assert.Same(alone, DbtFailures.Classify(alone));
        Assert.Same(mixed, DbtFailures.Classify(mixed));
        Assert.Contains("lock timeout", alone.Message, StringComparison.Ordinal);
    }
}
