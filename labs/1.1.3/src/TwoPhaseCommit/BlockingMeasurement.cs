namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>What an in-doubt transaction costs the other transactions of a participant while the coordinator is down.</summary>
/// <param name="CoordinatorDowntime">How long the coordinator stayed down before its recovery ran.</param>
/// <param name="LocksHeld">Lock-manager entries (pg_locks) held by the prepared transaction on the participant.</param>
/// <param name="RowsLocked">Rows the prepared transaction keeps locked (pgrowlocks).</param>
/// <param name="WriterWait">How long a transaction updating one of those rows waited.</param>
/// <param name="ReaderLatency">A plain read of the same row (MVCC: not blocked).</param>
/// <param name="OtherRowWriterLatency">An update of a row the prepared transaction did not touch.</param>
/// <param name="LockTimeoutError">The SQLSTATE a writer with lock_timeout = 100ms got (55P03), or null.</param>
public sealed record BlockingMeasurement(TimeSpan CoordinatorDowntime, long LocksHeld, long RowsLocked, TimeSpan WriterWait,
    TimeSpan ReaderLatency, TimeSpan OtherRowWriterLatency, string? LockTimeoutError, TimeSpan RecoveryTime);
