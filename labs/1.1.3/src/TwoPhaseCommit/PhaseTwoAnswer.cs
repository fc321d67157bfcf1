namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>What a participant answered to COMMIT PREPARED (or ROLLBACK PREPARED).</summary>
public enum PhaseTwoAnswer
{
    /// <summary>Done: the prepared transaction is resolved as asked.</summary>
    Done,

    /// <summary>The participant answered, and has no prepared transaction with that GID (SQLSTATE 42704): someone else
    /// resolved it already. If that someone rolled it back, the transfer is no longer atomic.</summary>
    NoSuchPreparedTransaction,

    /// <summary>No answer: the participant is down or the connection broke. The transaction stays in doubt there.</summary>
    Unreachable,
}
