namespace StatelessMind.Dataflow;

/// <summary>
/// Known mistakes the layer can be told to make, so that each correctness test can show it catches one
/// (a suite that also passes on the broken version proves nothing). Never set outside tests and the
/// experiments' planted-bug runs.
/// </summary>
public enum DataflowBug
{
    None,

    /// <summary>A retried task keeps what its failed attempt already wrote to the shuffle: records are counted twice.</summary>
    KeepFailedAttemptOutput,

    /// <summary>A map task that spilled forgets its spilled runs and hands on only what is still in memory.</summary>
    SpillLosesEarlierRuns,

    /// <summary>Keys above the last range bound go to partition 0 instead of the last partition:
    /// the output is no longer globally sorted and a pruned range query misses the top range.</summary>
    RangePartitionerWrapsTopRange,

    /// <summary>The hash join keeps only the first left row of each key.</summary>
    JoinKeepsFirstMatchOnly,
}
