namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>The names of the 1.1.3-2 figures, shared by the experiment and the texts that cite them.</summary>
public static class TwoPhaseCommitFigureNames
{
    public const string RandomizedRuns = "randomized transfers with crash injection";
    public const string TotalDrift = "total drift after all transfers";
    public const string AtomicityViolations = "transfers applied in some databases only";
    public const string PreparedLeft = "prepared transactions left after recovery";
    public const string OutcomeMismatches = "outcomes differing from the crash point's rule";
    public const string CoordinatorCrashes = "coordinator crashes";
    public const string ParticipantRestarts = "participant crashes and restarts";
    public const string RecoveredByCommit = "in-doubt transactions committed by recovery";
    public const string RecoveredByRollback = "in-doubt transactions rolled back by recovery";
    public const string WriterWaitPerDowntime = "blocked writer's wait / coordinator downtime";
    public const string LocksHeld = "locks held by an in-doubt transaction";
    public const string LatencyRatio = "2PC transfer latency / single-database transfer (p50)";
}
