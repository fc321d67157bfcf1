using StatelessMind.Labs.Encoding.Formats;

namespace StatelessMind.Bench.Encoding;

/// <summary>Encoded size per record of each benchmarked format, on the benchmark's record set.</summary>
public sealed record FormatSizes(double RawBytesPerRecord, double GzipBytesPerRecord, double BrotliBytesPerRecord)
{
    private static readonly Lazy<Dictionary<string, FormatSizes>> BySuffix = new(Compute);

    /// <summary>The sizes for a benchmark method named <c>&lt;Format&gt;_Encode</c> or <c>&lt;Format&gt;_Decode</c>.</summary>
    public static FormatSizes? For(string methodName) =>
        BySuffix.Value.GetValueOrDefault(methodName.Split('_')[0]);

    private static Dictionary<string, FormatSizes> Compute()
    {
        var orders = OrderSetGenerator.Generate(EncodingFormatsBenchmark.RecordCount, EncodingFormatsBenchmark.Seed);
        FormatSizes Of(EncodedRecordSet set) =>
            new((double)set.Bytes.Length / set.Count, (double)set.GzipSize() / set.Count, (double)set.BrotliSize() / set.Count);
        var protobuf = new ProtobufOrderFormat();
        var avro = new AvroOrderFormat();
        var avroNatives = orders.Select(avro.ToNative).ToList();
        using var container = new MemoryStream();
        AvroOrderFormat.WriteContainer(avroNatives, container);
        var containerBytes = container.ToArray();
        using var gzip = new MemoryStream();
        using (var z = new System.IO.Compression.GZipStream(gzip, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) z.Write(containerBytes);
        using var brotli = new MemoryStream();
        using (var z = new System.IO.Compression.BrotliStream(brotli, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) z.Write(containerBytes);
        return new Dictionary<string, FormatSizes>
        {
            ["Json"] = Of(EncodedRecordSet.Encode(new JsonOrderFormat(), orders)),
            ["Protobuf"] = Of(EncodedRecordSet.Encode(protobuf, orders.Select(protobuf.ToNative).ToList())),
            ["Avro"] = Of(EncodedRecordSet.Encode(avro, avroNatives)),
            ["AvroContainer"] = new((double)containerBytes.Length / orders.Count, (double)gzip.Length / orders.Count, (double)brotli.Length / orders.Count),
        };
    }
}
