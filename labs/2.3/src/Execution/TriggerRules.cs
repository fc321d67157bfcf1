using StatelessMind.Labs.Orchestration.Dags;

namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>Evaluates a trigger rule over the states of a task's upstream task instances (all map indexes of a mapped one).</summary>
public static class TriggerRules
{
    public static TriggerDecision Decide(TriggerRule rule, IReadOnlyCollection<TaskState> upstream)
    {
        #region Exercise 2.3-1b: decide from the upstream states whether a task runs, waits, is skipped or is upstream_failed (tests: TriggerRuleTests, DagExecutionTests)
        var failed = upstream.Count(s => s is TaskState.Failed or TaskState.UpstreamFailed);
        var done = upstream.All(TaskStates.IsFinished);
        switch (rule)
        {
            case TriggerRule.AllSuccess:
                if (failed > 0) return TriggerDecision.UpstreamFailed;
                if (!done) return TriggerDecision.Wait;
                return upstream.Any(s => s == TaskState.Skipped) ? TriggerDecision.Skip : TriggerDecision.Run;
            case TriggerRule.AllDone:
                return done ? TriggerDecision.Run : TriggerDecision.Wait;
            case TriggerRule.OneFailed:
                if (failed > 0) return TriggerDecision.Run;
                return done ? TriggerDecision.Skip : TriggerDecision.Wait;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown trigger rule");
        }
        #endregion
    }
}
