namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>How a cell of the matrix ended: the anomaly happened, or what stopped it.</summary>
public enum Prevention
{
    /// <summary>Nothing stopped it: the anomaly was observed.</summary>
    None,

    /// <summary>MVCC: the reader saw a consistent snapshot, no wait and no error.</summary>
    Snapshot,

    /// <summary>The second writer waited on the first one's row lock and then went on.</summary>
    LockWait,

    /// <summary>The second writer waited on the row lock, then failed with SQLSTATE 40001 when the first committed.</summary>
    LockWaitThenSerializationFailure,

    /// <summary>A transaction failed with SQLSTATE 40001 (serialization_failure) without waiting on a lock.</summary>
    SerializationFailure,
}
