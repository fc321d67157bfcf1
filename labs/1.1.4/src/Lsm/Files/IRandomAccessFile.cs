namespace StatelessMind.Labs.Storage.Lsm.Files;

/// <summary>A file read at any offset (pread), by any number of threads.</summary>
internal interface IRandomAccessFile : IDisposable
{
    string Path { get; }

    long Length { get; }

    /// <summary>Reads up to <c>destination.Length</c> bytes at <paramref name="offset"/>; 0 at the end of the file.</summary>
    int Read(Span<byte> destination, long offset);
}
