namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>When a write is acknowledged.</summary>
public enum WalSyncMode
{
    /// <summary>After the WAL record reached the operating system (write(2)): survives a process crash, not a power loss.</summary>
    NoSync,

    /// <summary>After the WAL was fsynced: survives a power loss. Concurrent writers share one fsync (group commit).</summary>
    Fsync,
}
