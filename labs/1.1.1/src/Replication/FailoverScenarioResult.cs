using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>Everything one failover scenario observed, kept after its clusters are gone.</summary>
public sealed record FailoverScenarioResult(
    ReplicationMode Mode,
    string PrimaryAtStart,
    IReadOnlyList<string> StandbysAtStart,
    IReadOnlyList<string> ReplicationAtStart,
    IReadOnlyList<string> SlotsAtStart,
    IReadOnlyList<ReplicationSample> Samples,
    double KilledAtSeconds,
    FailoverResult Failover,
    int AcknowledgedByOldPrimary,
    int AcknowledgedByOldPrimaryAfterKill,
    int AcknowledgedTotal,
    IReadOnlyList<long> LostAcknowledged,
    IReadOnlyList<long> LostAcknowledgedByNewPrimary,
    int InDoubt,
    RejoinResult Rejoin,
    IReadOnlyDictionary<string, (long Rows, decimal IdSum)> Fingerprints,
    bool OldPrimaryIsStandby,
    IReadOnlyList<string> FollowersAfter,
    LatencySummary CommitLatency,
    long MonitorFailedReadings)
{
    public bool Converged => Fingerprints.Count == 3 && Fingerprints.Values.Distinct().Count() == 1;

    /// <summary>Lag of a standby while the original primary was alive.</summary>
    public LagSummary LagBeforeKill(string standby) => LagSummary.Of(standby, Samples.Where(s => s.Seconds < KilledAtSeconds).ToList());
}
