namespace StatelessMind.Labs.Storage.Lsm.Files;

/// <summary>A file written front to back.</summary>
internal interface IWritableFile : IDisposable
{
    string Path { get; }

    /// <summary>Bytes appended so far.</summary>
    long Length { get; }

    void Append(ReadOnlySpan<byte> data);

    /// <summary>Hands buffered bytes to the operating system (they survive a process crash, not a power cut).</summary>
    void Flush();

    /// <summary>Flushes and fsyncs: the bytes survive a power cut.</summary>
    void Sync();
}
