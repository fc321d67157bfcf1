namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// Where a Raft server keeps what must survive a crash: its encoded state (current term, vote, log)
/// and its latest snapshot, saved together so that they always match.
/// </summary>
public interface IRaftStorage
{
    void Save(byte[] state, byte[]? snapshot);
    byte[]? ReadState();
    byte[]? ReadSnapshot();

    /// <summary>Bytes of the saved state (what the snapshot scenarios keep small).</summary>
    int StateSize { get; }
}
