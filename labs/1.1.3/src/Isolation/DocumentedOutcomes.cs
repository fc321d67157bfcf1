using System.Data;

namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>
/// What PostgreSQL's documentation (chapter 13.2, "Transaction Isolation") and the Hermitage results for PostgreSQL
/// say each cell must show, with the mechanism that stops the anomaly where it is stopped. READ UNCOMMITTED is not
/// listed: PostgreSQL runs it as READ COMMITTED.
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
        var observed = (true, Prevention.None);
        return anomaly switch
        {
            // Row locks stop dirty writes at every level; above READ COMMITTED the waiter then gets 40001.
            Anomaly.DirtyWrite or Anomaly.ObservedTransactionVanishes => (false, rc ? Prevention.LockWait : Prevention.LockWaitThenSerializationFailure),
            // No level reads uncommitted data: readers see the last committed version.
            Anomaly.DirtyRead or Anomaly.IntermediateRead or Anomaly.CircularInformationFlow => (false, Prevention.Snapshot),
            // READ COMMITTED takes a new snapshot per statement; REPEATABLE READ and SERIALIZABLE one per transaction.
            Anomaly.NonRepeatableRead or Anomaly.Phantom or Anomaly.ReadSkew => rc ? observed : (false, Prevention.Snapshot),
            // READ COMMITTED re-checks the waited-for row after the lock and goes on with what it finds; the others refuse with 40001.
            Anomaly.LostUpdate or Anomaly.PhantomWritePredicate => rc ? observed : (false, Prevention.LockWaitThenSerializationFailure),
            // Snapshot isolation (PostgreSQL's REPEATABLE READ) lets these through; SSI does not.
            Anomaly.WriteSkew or Anomaly.PredicateWriteSkew or Anomaly.ReadOnlyAnomaly => serializable ? (false, Prevention.SerializationFailure) : observed,
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
