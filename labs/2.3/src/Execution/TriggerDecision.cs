namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>What a trigger rule says about a waiting task, given its upstream states.</summary>
public enum TriggerDecision
{
    Wait,
    Run,
    Skip,
    UpstreamFailed,
}
