using System.Buffers;
using System.Diagnostics;

namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>
/// Encodes and decodes one record set with each format and measures time per record, allocation per
/// record and encoded size (raw, gzip, brotli). The experiment's quick look; bench/Encoding has the
/// BenchmarkDotNet suite with proper warm-up and statistics.
/// </summary>
public static class FormatComparison
{
    public static IReadOnlyList<FormatResult> Run(IReadOnlyList<Order> orders, int passes, CancellationToken cancellationToken = default) =>
    [
        Measure(new JsonOrderFormat(), orders, passes, cancellationToken),
        Measure(new ProtobufOrderFormat(), orders, passes, cancellationToken),
        Measure(new AvroOrderFormat(), orders, passes, cancellationToken),
    ];

    public static FormatResult Measure<T>(IOrderFormat<T> format, IReadOnlyList<Order> orders, int passes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(orders);
        var natives = orders.Select(format.ToNative).ToList();
        // Warm up until the JIT has promoted the hot paths to optimized code (tiered compilation
        // starts every method unoptimized): at least three passes and a quarter of a second.
        var warmUp = Stopwatch.StartNew();
        var encoded = EncodedRecordSet.Encode(format, natives);
        for (var i = 0; i < 3 || warmUp.ElapsedMilliseconds < 250; i++)
        {
            encoded = EncodedRecordSet.Encode(format, natives);
            _ = encoded.Decode(format);
        }

        var encodeNs = new List<double>();
        var decodeNs = new List<double>();
        double encodeAlloc = 0, decodeAlloc = 0;
        var buffer = new ArrayBufferWriter<byte>(encoded.Bytes.Length + 4096); // reused: its growth is not the format's cost
        #region Exercise 1.1.5-2d: time encode and decode passes over the whole set, recording ns and allocated bytes per record (tests: FormatComparisonTests)
        for (var pass = 0; pass < passes; pass++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffer.ResetWrittenCount();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            foreach (var native in natives) format.Encode(native, buffer);
            encodeNs.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / natives.Count);
            encodeAlloc = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)natives.Count;

            long checksum = 0;
            allocated = GC.GetAllocatedBytesForCurrentThread();
            start = Stopwatch.GetTimestamp();
            for (var i = 0; i < encoded.Count; i++) if (format.Decode(encoded.Record(i)) is not null) checksum++;
            decodeNs.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / natives.Count);
            decodeAlloc = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)natives.Count;
            GC.KeepAlive(checksum);
        }
        #endregion
        var back = encoded.Decode(format).Select(format.FromNative).ToList();
        return new FormatResult(format.Name, orders.Count, Median(encodeNs), Median(decodeNs), encodeAlloc, decodeAlloc,
            encoded.Bytes.Length, encoded.GzipSize(), encoded.BrotliSize(), back.SequenceEqual(orders));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
