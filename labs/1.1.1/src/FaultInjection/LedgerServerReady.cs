namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>What a ledger server process recovered at start: records replayed, torn bytes quarantined, and why the scan stopped.</summary>
public sealed record LedgerServerReady(long Records, long QuarantinedBytes, string StopReason);
