using System.Data;

namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>
/// What PostgreSQL's documentation (chapter 13.2, "Transaction Isolation") and the Hermitage results
/// for PostgreSQL say each cell must show. READ UNCOMMITTED is not listed: PostgreSQL runs it as READ COMMITTED.
/// </summary>
public static class DocumentedOutcomes
{
    public static IReadOnlyList<IsolationLevel> Levels { get; } =
        [IsolationLevel.ReadCommitted, IsolationLevel.RepeatableRead, IsolationLevel.Serializable];

    /// <summary>The expected (observed?, prevention) of a cell.</summary>
    public static (bool Observed, Prevention Prevention) Of(Anomaly anomaly, IsolationLevel level)
    {
        var rc = level == IsolationLevel.ReadCommitted;
        var serializable = level == IsolationLevel.Serializable;
        return anomaly switch
        {
            // Row locks stop dirty writes at every level; above READ COMMITTED the waiter then gets 40001.
            Anomaly.DirtyWrite => (false, rc ? Prevention.LockWait : Prevention.LockWaitThenSerializationFailure),
            Anomaly.DirtyRead => (false, Prevention.Snapshot),
            Anomaly.NonRepeatableRead or Anomaly.Phantom or Anomaly.ReadSkew => rc ? (true, Prevention.None) : (false, Prevention.Snapshot),
            // READ COMMITTED re-reads the row after the lock wait and applies the stale increment on top.
            Anomaly.LostUpdate => rc ? (true, Prevention.None) : (false, Prevention.LockWaitThenSerializationFailure),
            // Snapshot isolation (PostgreSQL's REPEATABLE READ) lets both of these through; SSI does not.
            Anomaly.WriteSkew or Anomaly.ReadOnlyAnomaly => serializable ? (false, Prevention.SerializationFailure) : (true, Prevention.None),
            _ => throw new ArgumentOutOfRangeException(nameof(anomaly), anomaly, "unknown anomaly"),
        };
    }

    public static string LevelName(IsolationLevel level) => level switch
    {
        IsolationLevel.ReadCommitted => "READ COMMITTED",
        IsolationLevel.RepeatableRead => "REPEATABLE READ",
        IsolationLevel.Serializable => "SERIALIZABLE",
        _ => level.ToString().ToUpperInvariant(),
    };
}
