using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-1")]
public sealed class TriggerRuleTests
{
    [Theory]
    [InlineData(TriggerRule.AllSuccess, new[] { TaskState.Success, TaskState.Success }, TriggerDecision.Run)]
    [InlineData(TriggerRule.AllSuccess, new[] { TaskState.Success, TaskState.Running }, TriggerDecision.Wait)]
    [InlineData(TriggerRule.AllSuccess, new[] { TaskState.Failed, TaskState.Running }, TriggerDecision.UpstreamFailed)]
    [InlineData(TriggerRule.AllSuccess, new[] { TaskState.Skipped, TaskState.Success }, TriggerDecision.Skip)]
    [InlineData(TriggerRule.AllDone, new[] { TaskState.Failed, TaskState.Success }, TriggerDecision.Run)]
    [InlineData(TriggerRule.AllDone, new[] { TaskState.UpForRetry, TaskState.Success }, TriggerDecision.Wait)]
    [InlineData(TriggerRule.OneFailed, new[] { TaskState.UpstreamFailed, TaskState.Running }, TriggerDecision.Run)]
    [InlineData(TriggerRule.OneFailed, new[] { TaskState.Success, TaskState.Running }, TriggerDecision.Wait)]
    [InlineData(TriggerRule.OneFailed, new[] { TaskState.Success, TaskState.Skipped }, TriggerDecision.Skip)]
    public void Each_rule_decides_from_the_upstream_states(TriggerRule rule, TaskState[] upstream, TriggerDecision expected) =>
        Assert.Equal(expected, TriggerRules.Decide(rule, upstream));
}
