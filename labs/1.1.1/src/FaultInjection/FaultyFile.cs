namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// A real file on disk seen through a faulty device: capped in size (disk full), and, when the
/// attempt's plan says so, slow, stalled, torn (the process dies after a prefix is written),
/// short (a write stores fewer bytes than asked), or returning a flipped bit on read.
/// Appends only; reads at any offset. The bytes that do reach the file are really there.
/// </summary>
public sealed class FaultyFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly FaultInjector _injector;
    private long _length;

    public FaultyFile(string path, long capacity, FaultInjector injector)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Path = path;
        Capacity = capacity;
        _injector = injector;
        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        _length = _stream.Length;
    }

    public string Path { get; }
    public long Capacity { get; }
    public long Length => Interlocked.Read(ref _length);

    /// <summary>
    /// Writes at the end of the file and returns how many bytes were stored, which may be fewer than
    /// asked (POSIX short write): the caller writes the rest.
    /// </summary>
    public async ValueTask<int> AppendAsync(ReadOnlyMemory<byte> data, AttemptContext attempt, CancellationToken cancellationToken)
    {
        var length = Length;
        if (length + data.Length > Capacity)
        {
            _injector.Record(FaultKind.DiskFull, FailureClass.Permanent, FailureComponent.Disk, attempt.OperationId, attempt.Attempt, "capacity reached");
            throw new DiskFullException(Path, Capacity, length, data.Length);
        }
        await DelayIfSlowOrStalledAsync(attempt, cancellationToken);
        if (data.Length > 1 && attempt.Consume(FaultKind.TornWrite))
        {
            var prefix = 1 + _injector.Next(data.Length - 1);
            WriteAt(data.Span[..prefix], length);
            throw new SimulatedProcessDeath($"after writing {prefix} of {data.Length} bytes at offset {length} of {Path}");
        }
        var count = data.Length > 1 && attempt.Consume(FaultKind.PartialWrite) ? 1 + _injector.Next(data.Length - 1) : data.Length;
        WriteAt(data.Span[..count], length);
        return count;
    }

    /// <summary>fsync: what was written survives a power cut.</summary>
    public void Flush() => _stream.Flush(flushToDisk: true);

    /// <summary>Reads exactly buffer.Length bytes at offset (fewer only at the end of the file; returns the count).</summary>
    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, AttemptContext attempt, CancellationToken cancellationToken)
    {
        await DelayIfSlowOrStalledAsync(attempt, cancellationToken);
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await RandomAccess.ReadAsync(_stream.SafeFileHandle, buffer[total..], offset + total, cancellationToken);
            if (n == 0) break;
            total += n;
        }
        if (total > 0 && attempt.Consume(FaultKind.BitFlip))
        {
            // In flight: the returned copy is damaged, the stored bytes are not.
            var bit = _injector.Next(total * 8);
            buffer.Span[bit / 8] ^= (byte)(1 << (bit % 8));
        }
        return total;
    }

    /// <summary>Inverts one stored bit (at-rest corruption) and records it as an injected, permanent fault.</summary>
    public InjectedFault FlipStoredBit(long offset, int bit, string operationId)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bit, 7);
        Span<byte> one = stackalloc byte[1];
        RandomAccess.Read(_stream.SafeFileHandle, one, offset);
        one[0] ^= (byte)(1 << bit);
        RandomAccess.Write(_stream.SafeFileHandle, one, offset);
        return _injector.Record(FaultKind.BitFlip, FailureClass.Permanent, FailureComponent.Disk, operationId, 1, $"at-rest offset {offset} bit {bit}");
    }

    /// <summary>Cuts the file to <paramref name="length"/> bytes and syncs (after recovery found a torn tail).</summary>
    public void Truncate(long length)
    {
        _stream.SetLength(length);
        _stream.Flush(flushToDisk: true);
        Interlocked.Exchange(ref _length, length);
    }

    /// <summary>Reads without any fault (recovery's scan, audits).</summary>
    public int ReadClean(long offset, Span<byte> buffer) => RandomAccess.Read(_stream.SafeFileHandle, buffer, offset);

    public void Dispose() => _stream.Dispose();

    private void WriteAt(ReadOnlySpan<byte> bytes, long offset)
    {
        RandomAccess.Write(_stream.SafeFileHandle, bytes, offset);
        Interlocked.Add(ref _length, bytes.Length);
    }

    private async ValueTask DelayIfSlowOrStalledAsync(AttemptContext attempt, CancellationToken cancellationToken)
    {
        if (attempt.Consume(FaultKind.SlowIo))
            await Task.Delay(_injector.NextSlowIoDelay(), cancellationToken);
        else if (attempt.Consume(FaultKind.StalledIo))
            await Task.Delay(Timeout.Infinite, cancellationToken); // returns only when the caller gives up
    }
}
