namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>The four ways to tell PostgreSQL where to stop replaying WAL.</summary>
public enum RecoveryTargetKind
{
    /// <summary><c>recovery_target_time</c>: stop before the first commit after this time.</summary>
    Time,

    /// <summary><c>recovery_target_lsn</c>: stop at this WAL position.</summary>
    Lsn,

    /// <summary><c>recovery_target_name</c>: stop at a restore point made with pg_create_restore_point().</summary>
    Name,

    /// <summary><c>recovery_target_xid</c>: stop at the commit of this transaction.</summary>
    Xid,
}
