namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>One entry of a Raft log: the term in which a leader created it, and the opaque command.</summary>
public sealed record LogEntry(int Term, byte[] Command)
{
    /// <summary>Bytes on the wire and on disk: term, length, command.</summary>
    public int SizeInBytes => 8 + Command.Length;
}
