namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>Where a randomized run injects its failure (one per transfer).</summary>
public enum CrashPoint
{
    None,

    /// <summary>The coordinator dies after the local work, before any PREPARE: the sessions close, the work is lost.</summary>
    CoordinatorBeforePrepare,

    /// <summary>The coordinator dies after the first participant prepared: that one is in doubt.</summary>
    CoordinatorAfterFirstPrepare,

    /// <summary>The coordinator dies with every participant prepared, before it decides: all in doubt, presumed abort.</summary>
    CoordinatorAfterAllPrepared,

    /// <summary>The coordinator dies right after forcing the commit record: all in doubt, but decided commit.</summary>
    CoordinatorAfterDecision,

    /// <summary>The coordinator dies after the first COMMIT PREPARED: half committed, the rest in doubt.</summary>
    CoordinatorMidCommit,

    /// <summary>The coordinator dies after every COMMIT PREPARED, before the end record.</summary>
    CoordinatorBeforeEnd,

    /// <summary>The last participant is killed before its PREPARE: its local work is lost, the transfer aborts.</summary>
    ParticipantDownAtPrepare,

    /// <summary>The first participant is killed after everyone prepared: its prepared transaction survives its crash
    /// and is committed by recovery once it is back.</summary>
    ParticipantCrashAfterPrepare,
}
