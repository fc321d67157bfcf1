namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// Deliberate mistakes a server can be built with, so that the checkers can be seen to catch them
/// (and a failing seed to replay). <see cref="None"/> is the protocol of the paper.
/// </summary>
public enum ProtocolBug
{
    None,

    /// <summary>The leader commits an entry once a majority stores it, even an entry of an earlier term
    /// (the rule Figure 8 of the paper shows to be unsafe).</summary>
    CommitEntriesOfEarlierTerms,

    /// <summary>A server grants its vote without checking that the candidate's log is at least as up to date (§5.4.1).</summary>
    VoteWithoutLogCheck,
}
