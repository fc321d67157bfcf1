namespace StatelessMind.Labs.Orchestration.Dags;

/// <summary>When a task may run, given the states of its upstream tasks (Airflow's trigger rules).</summary>
public enum TriggerRule
{
    /// <summary>Every upstream task succeeded (the default). A failed upstream makes the task upstream_failed; a skipped one skips it.</summary>
    AllSuccess,

    /// <summary>Every upstream task finished, whatever its state: cleanup tasks.</summary>
    AllDone,

    /// <summary>At least one upstream task failed: alerting or compensation tasks. Skipped when all finished without a failure.</summary>
    OneFailed,
}
