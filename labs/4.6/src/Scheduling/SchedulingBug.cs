namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>Deliberate mistakes of goal 4.6-4 (tests and the experiment's bug runs only).</summary>
public enum SchedulingBug
{
    None,

    /// <summary>The greedy list takes the jobs shortest first instead of longest first: plain list scheduling in the worst
    /// order, whose ratio can reach 2 − 1/m, above LPT's 4/3 − 1/(3m).</summary>
    ShortestFirst,

    /// <summary>The brute force prunes a branch as soon as a machine's load reaches best − 1 instead of best: it can cut
    /// away the optimum, and the cross-check against CP-SAT sees a larger "optimum".</summary>
    OverPruning,
}
