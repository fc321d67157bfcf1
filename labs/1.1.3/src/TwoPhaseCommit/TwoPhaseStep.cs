namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>The points of the protocol where the coordinator lets a fault injector act.</summary>
public enum TwoPhaseStep
{
    /// <summary>All participants have done their local work; nothing is prepared yet.</summary>
    WorkDone,

    /// <summary>One participant has prepared (its index is given).</summary>
    Prepared,

    /// <summary>Every participant voted yes; the decision is not logged yet.</summary>
    AllPrepared,

    /// <summary>The commit decision is durable in the log.</summary>
    DecisionLogged,

    /// <summary>One participant has committed its prepared transaction (its index is given).</summary>
    CommittedPrepared,

    /// <summary>Every participant committed; the end record is not written yet.</summary>
    AllCommitted,
}
