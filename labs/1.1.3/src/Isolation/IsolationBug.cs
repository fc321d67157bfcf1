namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>A deliberate mistake the matrix can be run with, to show that comparing its cells with the documentation
/// catches it. <see cref="None"/> is the correct client.</summary>
public enum IsolationBug
{
    None,

    /// <summary>Every session begins at READ COMMITTED whatever level was asked for — the mistake of a client that
    /// sets the level after the transaction has already taken its snapshot, or not at all.</summary>
    LevelIgnored,
}
