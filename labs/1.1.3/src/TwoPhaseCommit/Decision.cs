namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>A record of the coordinator's decision log.</summary>
public enum Decision
{
    /// <summary>Every participant voted yes: the transfer commits. Written and flushed before any COMMIT PREPARED.</summary>
    Commit,

    /// <summary>A participant voted no or failed: the transfer aborts (also the presumed outcome when no record exists).</summary>
    Abort,

    /// <summary>Every participant has carried out the decision; recovery need not look at this transfer again.</summary>
    End,
}
