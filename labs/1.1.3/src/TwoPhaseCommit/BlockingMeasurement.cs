namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>What an in-doubt transaction costs the other transactions of a participant while its coordinator is down.</summary>
/// <param name="PlannedOutage">How long the probes ran before the coordinator was restarted.</param>
/// <param name="Outage">From the coordinator's SIGKILL to the restarted coordinator's first COMMIT/ROLLBACK PREPARED.</param>
/// <param name="LocksHeld">Lock-manager entries (pg_locks) held by the prepared transaction on the participant.</param>
/// <param name="RowsLocked">Rows the prepared transaction keeps locked (pgrowlocks).</param>
/// <param name="WriterWait">How long a transaction updating one of those rows waited.</param>
/// <param name="WriterStartToResolution">From that writer's start to the first resolution sent by recovery.</param>
/// <param name="ReleaseAfterResolution">The writer's end minus the moment the resolution was sent (negative: it ended before).</param>
/// <param name="ProbeRounds">Rounds of probes during the outage.</param>
/// <param name="RoundsWriterBlocked">Rounds at which pg_blocking_pids showed the writer blocked by the prepared transaction.</param>
/// <param name="ProbeTimeouts">Probes (readers of both rows, a writer of another row) that hit their 2 s statement_timeout.</param>
/// <param name="ReaderMax">The slowest read of the blocked row or another row during the outage.</param>
/// <param name="OtherRowWriterMax">The slowest update of a row the prepared transaction did not touch.</param>
/// <param name="LockTimeouts">Rounds in which a writer of the blocked row with lock_timeout = 100ms got SQLSTATE 55P03.</param>
/// <param name="RecoveryTime">How long the restarted coordinator's recovery took.</param>
public sealed record BlockingMeasurement(TimeSpan PlannedOutage, TimeSpan Outage, long LocksHeld, long RowsLocked, TimeSpan WriterWait,
    TimeSpan WriterStartToResolution, TimeSpan ReleaseAfterResolution, int ProbeRounds, int RoundsWriterBlocked, int ProbeTimeouts,
    TimeSpan ReaderMax, TimeSpan OtherRowWriterMax, int LockTimeouts, TimeSpan RecoveryTime)
{
    /// <summary>The writer waited until recovery resolved its blocker, and not much longer: ≥ 1 only if it was still
    /// blocked when the resolution was sent.</summary>
    public double WaitPerTimeToResolution => WriterWait / WriterStartToResolution;

    /// <summary>Every property the probe is about held: blocked at every round, released only after the resolution was
    /// sent, readers and writers of other rows never timed out, an impatient writer got 55P03 every round.</summary>
    public bool Holds => ProbeRounds > 0 && RoundsWriterBlocked == ProbeRounds && ReleaseAfterResolution > TimeSpan.Zero
                         && ProbeTimeouts == 0 && LockTimeouts == ProbeRounds;
}
