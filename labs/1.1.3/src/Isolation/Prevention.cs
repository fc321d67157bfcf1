namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>How a cell of the matrix ended: the anomaly happened, or what was seen to stop it.</summary>
public enum Prevention
{
    /// <summary>Nothing stopped it: the anomaly was observed.</summary>
    None,

    /// <summary>MVCC, seen at work: the read that would have shown the anomaly returned the older committed
    /// version while a newer one existed, with no wait and no error.</summary>
    Snapshot,

    /// <summary>The second writer waited on the first one's row lock and then went on.</summary>
    LockWait,

    /// <summary>The second writer waited on the row lock, then failed with SQLSTATE 40001 when the first committed.</summary>
    LockWaitThenSerializationFailure,

    /// <summary>A transaction failed with SQLSTATE 40001 (serialization_failure) without waiting on a lock.</summary>
    SerializationFailure,

    /// <summary>Not observed, but nothing was seen that explains why (no old version read, no wait, no error):
    /// the scenario did not exercise what it claims to, which no documented cell allows.</summary>
    Unexplained,
}
