namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// Stable storage of a simulated server: it outlives the server object, so a crash (dropping the
/// object and its volatile state) followed by a restart reads back exactly what was saved.
/// </summary>
public sealed class InMemoryStorage : IRaftStorage
{
    private byte[]? _state;
    private byte[]? _snapshot;

    public int StateSize => _state?.Length ?? 0;
    public int SnapshotSize => _snapshot?.Length ?? 0;
    public long Saves { get; private set; }

    public void Save(byte[] state, byte[]? snapshot)
    {
        _state = state;
        if (snapshot is not null) _snapshot = snapshot;
        Saves++;
    }

    public byte[]? ReadState() => _state;
    public byte[]? ReadSnapshot() => _snapshot;

    /// <summary>A copy, as a restarted server reads a disk another process left behind.</summary>
    public InMemoryStorage Copy() => new() { _state = _state, _snapshot = _snapshot, Saves = Saves };
}
