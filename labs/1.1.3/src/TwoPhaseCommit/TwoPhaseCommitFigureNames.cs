namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>The names of the 1.1.3-2 figures, shared by the experiment and the texts that cite them.</summary>
public static class TwoPhaseCommitFigureNames
{
    public const string RandomizedRuns = "randomized transfers with crash injection";
    public const string TotalDrift = "total drift after all transfers";
    public const string AtomicityViolations = "transfers applied in some databases only";
    public const string PreparedLeft = "prepared transactions left after recovery";
    public const string OutcomeMismatches = "outcomes differing from the crash point's rule";
    public const string CoordinatorCrashes = "coordinator processes killed";
    public const string ParticipantRestarts = "participant crashes and restarts";
    public const string RecoveredByCommit = "in-doubt transactions committed by recovery";
    public const string RecoveredByRollback = "in-doubt transactions rolled back by recovery";
    public const string InDoubtMismatches = "in-doubt counts differing from the crash point's rule";
    public const string WriterWaitPerResolution = "blocked writer's wait / time until recovery resolved its blocker";
    public const string ReleaseAfterResolution = "blocked writer released after the resolution was sent";
    public const string ProbeTimeouts = "readers and other-row writers timed out during the outage";
    public const string PlantedBugViolations = "partly applied transfers with a planted early-commit coordinator";
    public const string LocksHeld = "locks held by an in-doubt transaction";
    public const string LatencyRatio = "2PC transfer latency / single-database transfer (p50)";
}
