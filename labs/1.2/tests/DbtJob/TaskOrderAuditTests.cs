using StatelessMind.Labs.Lifecycle.DbtJob;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Lifecycle.Tests.DbtJob;

/// <summary>The order audit over recorded state changes: it passes a run in order and names a start that came too early.</summary>
[Goal("1.2-5")]
public sealed class TaskOrderAuditTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;
    private static long _id;

    private static TaskEvent E(string task, TaskState to, int tryNumber = 1) =>
        new(++_id, new TaskInstanceKey("d", "r", task), tryNumber, TaskState.Queued, to, T);

    [Fact]
    public void A_run_in_order_has_no_violation_and_a_retry_after_its_upstream_is_fine()
    {
        TaskEvent[] events = [E("a", TaskState.Running), E("a", TaskState.Success), E("b", TaskState.Running), E("b", TaskState.UpForRetry),
                              E("b", TaskState.Running, 2), E("b", TaskState.Success, 2), E("c", TaskState.Running), E("c", TaskState.Success)];

        Assert.Empty(TaskOrderAudit.Violations(["a", "b", "c"], events));
    }

    [Fact]
    public void A_task_started_before_the_one_before_it_finished_is_named()
    {
        TaskEvent[] events = [E("a", TaskState.Running), E("b", TaskState.Running), E("a", TaskState.Success), E("b", TaskState.Success)];

        var violation = Assert.Single(TaskOrderAudit.Violations(["a", "b"], events));
        Assert.StartsWith("b started", violation, StringComparison.Ordinal);
        Assert.Contains("before a had finished", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_that_never_ran_breaks_no_order_but_one_that_ran_without_its_predecessor_does()
    {
        Assert.Empty(TaskOrderAudit.Violations(["a", "b"], [E("a", TaskState.Running), E("a", TaskState.Failed)]));
        Assert.Contains("never did", Assert.Single(TaskOrderAudit.Violations(["a", "b"], [E("b", TaskState.Running)])), StringComparison.Ordinal);
    }
}
