namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// A point in time of an <see cref="LsmTree"/>: reads through it see exactly the writes acknowledged before it was
/// taken, however many writes, flushes and compactions follow. It holds its memtables and tables open until disposed.
/// </summary>
public sealed class LsmSnapshot : IDisposable
{
    private readonly LsmTree _tree;
    private readonly ReadView _view;

    internal LsmSnapshot(LsmTree tree, ReadView view)
    {
        _tree = tree;
        _view = view;
    }

    /// <summary>The sequence number of the last write the snapshot sees.</summary>
    public long Sequence => _view.Sequence;

    public byte[]? Get(ReadOnlySpan<byte> key) => _tree.Get(_view, key);

    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[]? from = null, byte[]? toExclusive = null) => _tree.Scan(_view, from, toExclusive);

    public IEnumerable<KeyValuePair<byte[], byte[]>> ScanReverse(byte[]? from = null, byte[]? toExclusive = null) => _tree.ScanReverse(_view, from, toExclusive);

    public void Dispose() => _view.Dispose();
}
