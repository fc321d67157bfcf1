namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>The process-kill drill: every kill, the deposits acknowledged, and the audit of the durable log afterwards.</summary>
public sealed record ProcessKillDrillResult(int Deposits, long DepositedTotal, IReadOnlyList<ProcessKill> Kills, int Acknowledged, LedgerAudit Audit,
    long QuarantinedFileBytes, int FinalExitCode)
{
    /// <summary>Every kill was a real SIGKILL (exit code 128 + 9).</summary>
    public bool EveryKillWasSigkill => Kills.Count > 0 && Kills.All(k => k.ExitCode == 128 + 9);

    /// <summary>Every acknowledged deposit is in the log exactly once, and the log holds nothing else.</summary>
    public bool ExactlyOnce => Audit.Holds && Audit.StoredDeposits == Acknowledged && Audit.StoredTotal == DepositedTotal;

    /// <summary>Each kill mid-append left a torn tail that the next start quarantined (and the quarantine files hold it).</summary>
    public bool TornTailsQuarantined =>
        Kills.Where(k => k.CrashPoint == "torn").All(k => k.QuarantinedBytes > 0)
        && QuarantinedFileBytes == Kills.Sum(k => k.QuarantinedBytes);

    /// <summary>A retry after a kill before the reply found its key already applied; one after a kill before applying did not.</summary>
    public bool RetriesFoundWhatWasDurable =>
        Kills.Where(k => k.CrashPoint == "before-reply").All(k => k.RetryReplayed)
        && Kills.Where(k => k.CrashPoint is "before-apply" or "torn").All(k => !k.RetryReplayed);
}
