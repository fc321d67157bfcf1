namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>What a recovery scan of a <see cref="ChecksummedRecordLog"/> kept and what it moved aside.</summary>
public sealed record LogRecovery(int Records, long ValidBytes, long QuarantinedBytes, string? QuarantineFile, string StopReason);
