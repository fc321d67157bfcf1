namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>One reply of the ledger server process: a receipt, or the crash point where it stopped to be killed, or an error.</summary>
public sealed record LedgerServerReply(DepositReceipt? Receipt, string? CrashPoint, string? Error);
