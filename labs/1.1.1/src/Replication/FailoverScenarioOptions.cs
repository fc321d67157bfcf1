namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// Sizes and switches of one failover scenario: writers; acknowledged commits while every standby streams; acknowledged
/// commits after the cut; commits on the new primary before stopping; how many lag samples each standby must have before
/// the cut; the planted failover bug, if any; and whether to heal afterwards (measure RTO, rejoin the old primary, converge).
/// </summary>
public sealed record FailoverScenarioOptions
{
    public int Writers { get; init; } = 4;
    public int CommitsBeforeCut { get; init; } = 300;

    /// <summary>Acknowledged commits by the primary whose INSERT was sent after the cut, before the kill.</summary>
    public int CommitsAfterCut { get; init; } = 50;

    public int CommitsAfterFailover { get; init; } = 100;

    /// <summary>Samples of each streaming standby the monitor must have taken before the cut (waited for, not timed).</summary>
    public int MinimumLagSamples { get; init; } = 3;

    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromMilliseconds(50);
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>A planted failover mistake (test hook).</summary>
    public FailoverBug Bug { get; init; } = FailoverBug.None;

    /// <summary>After the failover: wait for writes on the new primary (RTO), rejoin the old primary with pg_rewind and
    /// check that every member converged. Off for a run that is expected to leave the topology broken (a planted bug).</summary>
    public bool Heal { get; init; } = true;
}
