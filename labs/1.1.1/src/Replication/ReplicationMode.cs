namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>How the primary acknowledges a commit.</summary>
public enum ReplicationMode
{
    /// <summary>After the primary's own WAL flush; replicas catch up later (an acknowledged commit can be lost on failover).</summary>
    Asynchronous,

    /// <summary><c>synchronous_commit = on</c>: after the synchronous standby has flushed the commit's WAL too.</summary>
    Synchronous,

    /// <summary><c>synchronous_commit = remote_apply</c>: after the synchronous standby has replayed it (readers there see it).</summary>
    RemoteApply,
}
