namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>Deliberate mistakes a restore can be run with, so that the experiment's exactness check can be seen to catch
/// them. <see cref="None"/> is the restore as it should be.</summary>
public enum RestoreBug
{
    None,

    /// <summary>The recovery_target_* settings are left out: recovery replays the whole archive, the accident included.</summary>
    IgnoreTarget,
}
