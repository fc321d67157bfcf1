using System.Globalization;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>
/// Where a point-in-time restore stops, as postgresql.conf settings. <paramref name="Inclusive"/> maps to
/// <c>recovery_target_inclusive</c>: stop just after the target (on) or just before it (off).
/// </summary>
public sealed record RecoveryTarget(RecoveryTargetKind Kind, string Value, bool Inclusive)
{
    /// <summary>Every commit up to <paramref name="time"/> (microsecond precision, as PostgreSQL keeps it).</summary>
    public static RecoveryTarget Time(DateTimeOffset time) =>
        new(RecoveryTargetKind.Time, time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00", Inclusive: true);

    /// <summary>Every record that starts before <paramref name="lsn"/> (inclusive off: stop just before the record at the target).</summary>
    public static RecoveryTarget AtLsn(string lsn) => new(RecoveryTargetKind.Lsn, Lsn.Format(Lsn.Parse(lsn)), Inclusive: false);

    public static RecoveryTarget RestorePoint(string name) => new(RecoveryTargetKind.Name, name, Inclusive: true);

    /// <summary>Up to and including the commit of transaction <paramref name="xid"/>.</summary>
    public static RecoveryTarget Transaction(long xid) => new(RecoveryTargetKind.Xid, xid.ToString(CultureInfo.InvariantCulture), Inclusive: true);

    public IReadOnlyDictionary<string, string> Settings()
    {
        var setting = Kind switch
        {
            RecoveryTargetKind.Time => "recovery_target_time",
            RecoveryTargetKind.Lsn => "recovery_target_lsn",
            RecoveryTargetKind.Name => "recovery_target_name",
            RecoveryTargetKind.Xid => "recovery_target_xid",
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
        };
        return new Dictionary<string, string>
        {
            [setting] = PostgresCluster.Quote(Value),
            ["recovery_target_inclusive"] = Inclusive ? "on" : "off",
            ["recovery_target_action"] = "'promote'",  // open for writes once the target is reached
            ["recovery_target_timeline"] = "'current'", // the archive holds one timeline
        };
    }

    public override string ToString() => $"{Kind} {Value}{(Inclusive ? "" : " (exclusive)")}";
}
