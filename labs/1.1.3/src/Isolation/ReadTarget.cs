namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>Where a read goes in the replica experiment.</summary>
public enum ReadTarget
{
    /// <summary>The primary: every acknowledged commit is visible (strong).</summary>
    Primary,

    /// <summary>A standby named in synchronous_standby_names: strong only when commits wait for remote_apply.</summary>
    SyncReplica,

    /// <summary>A standby not named there: it applies WAL when it gets to it (eventual).</summary>
    AsyncReplica,
}
