using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>Everything one failover scenario observed, kept after its clusters are gone.</summary>
public sealed record FailoverScenarioResult(
    ReplicationMode Mode,
    FailoverBug Bug,
    string PrimaryAtStart,
    IReadOnlyList<string> StandbysAtStart,
    IReadOnlyList<string> ReplicationAtStart,
    IReadOnlyList<string> SlotsAtStart,
    IReadOnlyList<ReplicationSample> Samples,
    IReadOnlyDictionary<string, string> CutOff,
    double CutAtSeconds,
    double KilledAtSeconds,
    FailoverResult Failover,
    TimeSpan? Rto,
    int AcknowledgedByOldPrimary,
    int AcknowledgedByOldPrimaryAfterKill,
    int AcknowledgedTotal,
    IReadOnlyList<long> AcknowledgedAfterCut,
    IReadOnlyList<long> LostAcknowledged,
    IReadOnlyList<long> LostAcknowledgedByNewPrimary,
    int InDoubt,
    RejoinResult? Rejoin,
    IReadOnlyDictionary<string, (long Rows, decimal IdSum)> Fingerprints,
    bool OldPrimaryIsStandby,
    IReadOnlyList<string> FollowersAfter,
    LatencySummary CommitLatency,
    long MonitorFailedReadings)
{
    public bool Converged => Fingerprints.Count == 3 && Fingerprints.Values.Distinct().Count() == 1;

    /// <summary>Commits acknowledged after the cut (sent after it) that the new primary lacks.</summary>
    public IReadOnlyList<long> LostAfterCut => LostAcknowledged.Intersect(AcknowledgedAfterCut).Order().ToList();

    /// <summary>Lag of a standby while every standby was streaming (before the cut).</summary>
    public LagSummary LagWhileStreaming(string standby) => LagSummary.Of(standby, Samples.Where(s => s.Seconds < CutAtSeconds).ToList());
}
