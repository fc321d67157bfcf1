namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>Planted bugs that break the orchestrator's safety properties on purpose, so that the tests and experiments
/// show they would catch them.</summary>
public enum OrchestrationBug
{
    None,

    /// <summary>A restarted scheduler resets the finished tasks of unfinished runs too, so completed work runs twice.</summary>
    RestartRerunsCompletedTasks,

    /// <summary>Every trigger rule is evaluated as all_success: cleanup (all_done) and alert (one_failed) tasks never run after a failure.</summary>
    TriggerRuleIgnored,

    /// <summary>Catchup steps two intervals at a time after the first run, so every other interval gets no run.</summary>
    CatchupSkipsInterval,

    /// <summary>An XCom pull ignores the run id and takes the newest value of any run.</summary>
    XComFromWrongRun,
}
