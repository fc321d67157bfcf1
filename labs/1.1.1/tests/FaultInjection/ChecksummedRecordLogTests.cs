using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Tests.FaultInjection;

/// <summary>1.1.1-1b: reads that verify magic, length and CRC-32C, and read again when a check fails.</summary>
public sealed class ChecksummedRecordLogTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("records");

    public void Dispose() => _dir.Dispose();

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_record_reads_back_as_written_in_its_frame()
    {
        var (log, file, _) = Open("plain");
        using var _f = file;
        var payload = "hello, ledger"u8.ToArray();
        var offset = await log.AppendAsync(payload, Faults.None(), default);
        Assert.Equal(payload, await log.ReadAsync(offset, payload.Length, Faults.None(), default));
        var frame = new byte[ChecksummedRecordLog.HeaderSize + payload.Length];
        file.ReadClean(offset, frame);
        Assert.Equal(ChecksummedRecordLog.Magic, BinaryPrimitives.ReadUInt32LittleEndian(frame));
        Assert.Equal(payload.Length, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(4)));
        Assert.Equal(Crc32C.Append(Crc32C.Compute(frame.AsSpan(4, 4)), payload), BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(8)));
        Assert.Equal(0, log.ChecksumFailures);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_bit_flipped_in_flight_fails_its_CRC_once_and_the_next_read_is_good()
    {
        var (log, file, injector) = Open("flight");
        using var _f = file;
        var payload = new byte[200];
        new Random(3).NextBytes(payload);
        var offset = await log.AppendAsync(payload, Faults.None(), default);
        var attempt = Faults.Planned(injector, FaultKind.BitFlip, "in-flight");
        Assert.Equal(payload, await log.ReadAsync(offset, payload.Length, attempt, default));
        Assert.Equal(1, log.ChecksumFailures);
        Assert.Single(injector.Fired);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_bit_flipped_at_rest_fails_every_read_and_names_the_file_and_offset()
    {
        var (log, file, injector) = Open("rest");
        using var _f = file;
        await log.AppendAsync(new byte[50], Faults.None(), default);
        var offset = await log.AppendAsync(new byte[80], Faults.None(), default);
        file.FlipStoredBit(offset + ChecksummedRecordLog.HeaderSize + 17, 3, "rest");
        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() => log.ReadAsync(offset, 80, Faults.None(), default));
        output.WriteLine(e.Message);
        Assert.Equal(offset, e.Offset);
        Assert.Contains($"ledger.dat at offset {offset}", e.Message);
        Assert.Equal(ChecksummedRecordLog.MaxReads, log.ChecksumFailures); // read again, and again: the damage stays
        Assert.False(FailureClassifier.IsTransient(e));
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_flipped_length_or_magic_is_caught_like_a_flipped_payload_bit()
    {
        var (log, file, _) = Open("header");
        using var _f = file;
        var first = await log.AppendAsync(new byte[40], Faults.None(), default);
        var second = await log.AppendAsync(new byte[40], Faults.None(), default);
        file.FlipStoredBit(first + 4, 0, "length");  // length 40 → 41
        file.FlipStoredBit(second + 1, 6, "magic");
        await Assert.ThrowsAsync<ChecksumMismatchException>(() => log.ReadAsync(first, 40, Faults.None(), default));
        await Assert.ThrowsAsync<ChecksumMismatchException>(() => log.ReadAsync(second, 40, Faults.None(), default));
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_record_cut_short_is_an_IO_error_naming_the_offset()
    {
        var (log, file, _) = Open("short");
        using var _f = file;
        var offset = await log.AppendAsync(new byte[10], Faults.None(), default);
        var e = await Assert.ThrowsAsync<IOException>(() => log.ReadAsync(offset, 100, Faults.None(), default));
        Assert.Contains($"Record at offset {offset}", e.Message);
        Assert.Contains("cut short", e.Message);
    }

    private (ChecksummedRecordLog Log, FaultyFile File, FaultInjector Injector) Open(string name)
    {
        var injector = Faults.Injector();
        Directory.CreateDirectory(_dir.Sub(name));
        var file = new FaultyFile(Path.Combine(_dir.Sub(name), "ledger.dat"), 1 << 20, injector);
        return (new ChecksummedRecordLog(file, NullLogger.Instance), file, injector);
    }
}
