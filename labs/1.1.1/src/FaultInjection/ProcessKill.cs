namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// One SIGKILL of the ledger server process: which deposit it interrupted, at which crash point, the exit code the kill
/// gave (128 + 9), and what the restarted server recovered (records replayed, torn bytes quarantined), and whether the
/// retry of the same deposit was answered from the idempotency table.
/// </summary>
public sealed record ProcessKill(int Deposit, string CrashPoint, string Where, int ExitCode, long RecordsAfterRestart, long QuarantinedBytes, bool RetryReplayed);
