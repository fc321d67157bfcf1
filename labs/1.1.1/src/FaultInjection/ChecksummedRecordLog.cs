using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// An append-only log of checksummed records on a <see cref="FaultyFile"/>:
/// <c>u32 magic | u32 length | u32 crc32c(length ‖ payload) | payload</c>, little-endian.
/// Appends finish short writes and fsync; reads verify the CRC and read again when it fails (a flip in
/// flight goes away, a flip at rest does not); recovery keeps the valid prefix and moves a torn or
/// corrupt tail into a quarantine file before truncating.
/// </summary>
public sealed class ChecksummedRecordLog(FaultyFile file, ILogger logger)
{
    public const uint Magic = 0x4345524Cu; // "LREC"
    public const int HeaderSize = 12;
    public const int MaxReads = 3;
    private long _checksumFailures;
    private long _quarantines;

    public FaultyFile File { get; } = file;

    /// <summary>A planted mistake (test hook); <see cref="FaultToleranceBug.TrustStoredBytes"/> is the one that strikes here.</summary>
    public FaultToleranceBug Bug { get; init; } = FaultToleranceBug.None;

    /// <summary>I/O slower than this is logged as slow (absorbed).</summary>
    public TimeSpan SlowIoThreshold { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>CRC mismatches seen by reads (each read that returned damaged bytes counts once).</summary>
    public long ChecksumFailures => Interlocked.Read(ref _checksumFailures);

    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), FrameCrc(frame));
        return frame;
    }

    /// <summary>The CRC covers the length too, so a flipped length is caught like a flipped payload bit.</summary>
    private static uint FrameCrc(ReadOnlySpan<byte> frame) => Crc32C.Append(Crc32C.Compute(frame.Slice(4, 4)), frame[HeaderSize..]);

    /// <summary>Appends one record durably and returns its offset.</summary>
    public async Task<long> AppendAsync(ReadOnlyMemory<byte> payload, AttemptContext attempt, CancellationToken cancellationToken)
    {
        var frame = Frame(payload.Span);
        var offset = File.Length;
        var started = Stopwatch.GetTimestamp();
        var written = 0;
        var calls = 0;
        var completed = false;
        try
        {
            // A short write is not an error: keep writing the rest; then fsync before acknowledging.
            while (written < frame.Length)
            {
                written += await File.AppendAsync(frame.AsMemory(written), attempt, cancellationToken);
                calls++;
            }
            File.Flush();
            completed = true;
        }
        finally
        {
            LogIfSlow(started, attempt, $"append of {frame.Length} bytes at offset {offset}", completed);
        }
        if (calls > 1)
            FailureLog.FailureObserved(logger, new(FaultKind.PartialWrite, FailureClass.Transient, FailureComponent.Disk), FailureAction.Absorbed,
                attempt.OperationId, attempt.Attempt, $"a {frame.Length}-byte record at offset {offset} took {calls} write calls");
        return offset;
    }

    /// <summary>Reads the record at offset, verifying its CRC; reads again up to <see cref="MaxReads"/> times.</summary>
    public async Task<byte[]> ReadAsync(long offset, int payloadLength, AttemptContext attempt, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var completed = false;
        try
        {
            var payload = Bug == FaultToleranceBug.TrustStoredBytes
                ? await ReadUncheckedAsync(offset, payloadLength, attempt, cancellationToken) // the planted bug: no CRC check
                : await ReadVerifiedAsync(offset, payloadLength, attempt, cancellationToken);
            completed = true;
            return payload;
        }
        finally
        {
            LogIfSlow(started, attempt, $"read of {HeaderSize + payloadLength} bytes at offset {offset}", completed);
        }
    }

    /// <summary>
    /// Reads the record at <paramref name="offset"/> and returns its payload if its frame is intact: the right magic, the
    /// expected length, and a CRC-32C that matches. A mismatch is read again, up to <see cref="MaxReads"/> reads in all: a
    /// flip in flight (on the bus, in a cache) is gone at the next read, and is logged as absorbed; a mismatch on every
    /// read means the stored bytes are damaged: <see cref="ChecksumMismatchException"/> (permanent).
    /// </summary>
    internal async Task<byte[]> ReadVerifiedAsync(long offset, int payloadLength, AttemptContext attempt, CancellationToken cancellationToken)
    {
        var frame = new byte[HeaderSize + payloadLength];
        var bytesRead = await File.ReadAsync(offset, frame, attempt, cancellationToken);
        #region Exercise 1.1.1-1b: check magic, length and CRC-32C of the frame just read; on a mismatch read it again (MaxReads in all); a mismatch on every read is corruption at rest (tests: ChecksummedRecordLogTests)
        for (var read = 1; ; read++)
        {
            if (bytesRead < frame.Length)
                throw new IOException($"Record at offset {offset} of {File.Path} is cut short: {frame.Length} bytes expected, {bytesRead} present.");
            var stored = BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(8));
            var computed = FrameCrc(frame);
            var headerOk = BinaryPrimitives.ReadUInt32LittleEndian(frame) == Magic && BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(4)) == payloadLength;
            if (headerOk && stored == computed)
            {
                if (read > 1)
                    FailureLog.FailureObserved(logger, new(FaultKind.BitFlip, FailureClass.Transient, FailureComponent.Disk), FailureAction.Absorbed,
                        attempt.OperationId, attempt.Attempt, $"CRC-32C mismatch at offset {offset} cleared on read {read}");
                return frame[HeaderSize..];
            }
            CountChecksumFailure();
            if (read == MaxReads) throw new ChecksumMismatchException(File.Path, offset, stored, computed, MaxReads);
            bytesRead = await File.ReadAsync(offset, frame, attempt, cancellationToken);
        }
        #endregion
    }

    private void CountChecksumFailure() => Interlocked.Increment(ref _checksumFailures);

    private async Task<byte[]> ReadUncheckedAsync(long offset, int payloadLength, AttemptContext attempt, CancellationToken cancellationToken)
    {
        var frame = new byte[HeaderSize + payloadLength];
        await File.ReadAsync(offset, frame, attempt, cancellationToken);
        return frame[HeaderSize..];
    }

    /// <summary>
    /// Scans from the start without faults, calls <paramref name="onRecord"/> for each valid record,
    /// and stops at the first torn or corrupt one: the bytes from there on are copied to a quarantine
    /// file beside the log, then the log is truncated to its valid prefix.
    /// </summary>
    public LogRecovery Recover(Action<long, byte[]> onRecord, string operationId = "recovery", int attempt = 1)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        var offset = 0L;
        var records = 0;
        var length = File.Length;
        var stop = "end";
        var header = new byte[HeaderSize];
        while (offset < length)
        {
            if (length - offset < HeaderSize) { stop = "short header"; break; }
            File.ReadClean(offset, header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic) { stop = "bad magic"; break; }
            var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
            if (payloadLength < 0 || payloadLength > length - offset - HeaderSize) { stop = "short or bad length"; break; }
            var frame = new byte[HeaderSize + payloadLength];
            File.ReadClean(offset, frame);
            if (BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(8)) != FrameCrc(frame)) { stop = "CRC-32C mismatch"; break; }
            onRecord(offset, frame[HeaderSize..]);
            records++;
            offset += frame.Length;
        }
        if (offset == length) return new LogRecovery(records, offset, 0, null, stop);

        var tail = new byte[length - offset];
        File.ReadClean(offset, tail);
        var quarantine = $"{File.Path}.discarded-{offset}-{Interlocked.Increment(ref _quarantines)}-{Guid.NewGuid().ToString("N")[..8]}";
        using (var q = new FileStream(quarantine, FileMode.CreateNew, FileAccess.Write))
        {
            q.Write(tail);
            q.Flush(flushToDisk: true);
        }
        File.Truncate(offset);
        FailureLog.FailureObserved(logger, new(FaultKind.TornWrite, FailureClass.Transient, FailureComponent.Disk), FailureAction.Quarantined,
            operationId, attempt, $"{stop} at offset {offset}: {tail.Length} bytes moved to {Path.GetFileName(quarantine)}, log truncated to {records} records");
        return new LogRecovery(records, offset, tail.Length, quarantine, stop);
    }

    /// <summary>Logs I/O that took longer than the threshold — also when it did not complete (the caller gave up on it).</summary>
    private void LogIfSlow(long started, AttemptContext attempt, string what, bool completed)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed <= SlowIoThreshold) return;
        FailureLog.FailureObserved(logger, new(FaultKind.SlowIo, FailureClass.Transient, FailureComponent.Disk),
            completed ? FailureAction.Absorbed : FailureAction.Surfaced, attempt.OperationId, attempt.Attempt,
            $"{what} took {elapsed.TotalMilliseconds:0.0} ms{(completed ? "" : " and did not complete")}");
    }
}
