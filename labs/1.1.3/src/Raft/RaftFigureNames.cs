namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>The names of the 1.1.3-3 figures, shared by the experiment and the texts that cite them.</summary>
public static class RaftFigureNames
{
    public const string Seeds = "random fault seeds run";
    public const string SafetyViolations = "safety violations";
    public const string NotLinearizable = "non-linearizable client histories";
    public const string Undecided = "client histories the linearizability checker could not decide";
    public const string LargestSearch = "largest linearizability search";
    public const string StuckOperations = "client operations stuck after healing";
    public const string EventsPerSecond = "simulated events per second";
    public const string VirtualPerWall = "virtual seconds per wall second";
    public const string ElectionsPerSeed = "elections won per seed";
    public const string CommitLatencyP50 = "commit latency p50 (virtual)";
    public const string CommitLatencyP99 = "commit latency p99 (virtual)";
    public const string OperationsChecked = "client operations checked for linearizability";
    public const string PlantedBugCaught = "seeds until a planted voting bug is caught";
    public const string ReplayExact = "failing seed replays with identical trace";
}
