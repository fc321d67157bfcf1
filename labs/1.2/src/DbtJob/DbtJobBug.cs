namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>Planted bugs that break the dbt job's properties on purpose, so that its tests and experiment show they
/// would catch them.</summary>
public enum DbtJobBug
{
    None,

    /// <summary>The sensor compares the loads with the start of the data interval, not its end, so yesterday's load
    /// passes as today's and dbt builds on stale data.</summary>
    SensorAcceptsStaleData,

    /// <summary>The build is wired before the snapshot (seed → build → snapshot): the job's order is broken.</summary>
    BuildBeforeSnapshot,

    /// <summary>A failing data test is treated like an error and retried: the same data fails the same test again, and
    /// the failure comes later and with retry alerts in front of it.</summary>
    TestFailuresRetried,
}
