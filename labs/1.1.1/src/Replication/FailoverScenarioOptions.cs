namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>Sizes of one failover scenario: writers, commits before the kill, commits on the new primary before stopping.</summary>
public sealed record FailoverScenarioOptions
{
    public int Writers { get; init; } = 4;
    public int CommitsBeforeKill { get; init; } = 300;
    public int CommitsAfterFailover { get; init; } = 100;
    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromMilliseconds(50);
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(90);
}
