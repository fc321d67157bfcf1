namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>One point in time of a tree: its memtables, its version (referenced until <see cref="Dispose"/>) and the
/// last sequence number applied. Everything a read needs, taken together under the tree's lock.</summary>
internal sealed class ReadView(Memtable mem, Memtable? imm, Version version, long sequence) : IDisposable
{
    private int _disposed;

    public Memtable Mem { get; } = mem;
    public Memtable? Imm { get; } = imm;
    public Version Version { get; } = version;
    public long Sequence { get; } = sequence;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Version.Unref();
    }
}
