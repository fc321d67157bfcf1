namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>How a transfer ended, as the coordinator saw it.</summary>
public enum TransferOutcome
{
    /// <summary>Decided commit and every participant committed.</summary>
    Committed,

    /// <summary>Decided commit, but a participant could not be reached in phase 2: recovery will commit it there.</summary>
    CommittedPendingRecovery,

    /// <summary>Decided commit, but a participant answered that it had no such prepared transaction: something else resolved
    /// it behind the coordinator's back. Never expected; the checks treat it as a failure.</summary>
    CommitFoundNoPreparedTransaction,

    /// <summary>A participant voted no in phase 1 (an account would go negative).</summary>
    AbortedByVote,

    /// <summary>A participant failed before it prepared: nothing was decided, so the transfer aborts.</summary>
    AbortedParticipantFailed,
}
