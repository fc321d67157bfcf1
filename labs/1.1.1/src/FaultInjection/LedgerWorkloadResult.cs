using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>The outcome of one workload run: how many operations (deposit + confirmed read-back) succeeded,
/// how they failed, latency, attempts, and the audit of the durable log.</summary>
public sealed record LedgerWorkloadResult(
    int Operations,
    int Succeeded,
    int FailedTransient,
    int FailedPermanent,
    LatencySummary Latency,
    long Attempts,
    int FaultsInjected,
    int FaultsFired,
    long ChecksumFailuresDetected,
    int BitFlipsFired,
    LedgerAudit Audit)
{
    public double SuccessRate => Operations == 0 ? 0 : (double)Succeeded / Operations;
    public double AttemptsPerOperation => Operations == 0 ? 0 : (double)Attempts / Operations;
}
