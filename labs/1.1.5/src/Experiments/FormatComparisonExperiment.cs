using Avro.File;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Encoding.Formats;

namespace StatelessMind.Labs.Encoding.Experiments;

/// <summary>1.1.5-2: one nested record set as JSON (source-generated), Protobuf and Avro: size, speed, allocation.</summary>
public sealed class FormatComparisonExperiment : IExperiment
{
    public string GoalId => "1.1.5-2";
    public string Title => "Avro vs Protobuf vs JSON on one record set";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = context.Size(2_000, 50_000);
        var passes = context.Size(3, 5);
        context.Report(0.05, $"generating {count:N0} orders");
        var orders = OrderSetGenerator.Generate(count, context.Seed);

        context.Report(0.2, "measuring JSON, Protobuf and Avro");
        var results = FormatComparison.Run(orders, passes, cancellationToken);
        var json = results[0];

        context.Report(0.85, "writing Avro container files");
        var avro = new AvroOrderFormat();
        var natives = orders.Select(avro.ToNative).ToList();
        long ContainerSize(Codec.Type codec)
        {
            using var file = new MemoryStream();
            AvroOrderFormat.WriteContainer(natives, file, codec);
            return file.Length;
        }
        var containerNull = ContainerSize(Codec.Type.Null);
        var containerDeflate = ContainerSize(Codec.Type.Deflate);

        var b = new FindingBuilder(GoalId, Title);
        foreach (var r in results)
        {
            var shortName = r.Format.Split(' ')[0];
            var baseline = ReferenceEquals(r, json);
            b.Figure($"{shortName} encode", r.EncodeNsPerRecord, "ns/record")
             .Figure($"{shortName} decode", r.DecodeNsPerRecord, "ns/record")
             .Figure($"{shortName} size", r.BytesPerRecord, "B/record");
            if (!baseline)
            {
                b.Figure($"{shortName} size vs JSON", (double)r.RawBytes / json.RawBytes, "×", key: true)
                 .Figure($"{shortName} encode time vs JSON", r.EncodeNsPerRecord / json.EncodeNsPerRecord, "×", key: true)
                 .Figure($"{shortName} decode time vs JSON", r.DecodeNsPerRecord / json.DecodeNsPerRecord, "×", key: true);
            }
        }
        b.Table(FindingTable.Of($"{count:N0} orders, median of {passes} passes (JSON is the baseline)",
            ["format", "encode ns/rec", "decode ns/rec", "encode MB/s", "decode MB/s", "alloc enc B/rec", "alloc dec B/rec", "raw B/rec", "gzip B/rec", "brotli B/rec", "size vs JSON"],
            results.Select(r => new object?[]
            {
                r.Format, r.EncodeNsPerRecord, r.DecodeNsPerRecord, r.EncodeMegabytesPerSecond, r.DecodeMegabytesPerSecond,
                r.EncodeAllocatedBytesPerRecord, r.DecodeAllocatedBytesPerRecord, r.BytesPerRecord,
                (double)r.GzipBytes / r.Records, (double)r.BrotliBytes / r.Records, $"{(double)r.RawBytes / json.RawBytes:0.00}×",
            })));
        b.Table(FindingTable.Of("Avro object container file (schema once in the header, records in blocks)",
            ["codec", "bytes", "B/record"],
            [["null", containerNull, (double)containerNull / count], ["deflate", containerDeflate, (double)containerDeflate / count]]));

        foreach (var r in results) b.Check(r.RoundTripExact, $"{r.Format}: every record decodes to the order it encoded");
        b.Check(results.Where(r => !ReferenceEquals(r, json)).All(r => r.RawBytes < json.RawBytes), "both binary formats are smaller than JSON before compression");

        var plot = new ScottPlot.Plot();
        var names = results.Select(r => r.Format.Split(' ')[0]).ToArray();
        var series = new (string Label, Func<FormatResult, double> Value)[]
        {
            ("raw", r => r.BytesPerRecord), ("gzip", r => (double)r.GzipBytes / r.Records), ("brotli", r => (double)r.BrotliBytes / r.Records),
        };
        for (var s = 0; s < series.Length; s++)
        {
            var bars = results.Select((r, i) => new ScottPlot.Bar { Position = i * 4 + s, Value = series[s].Value(r) }).ToList();
            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = series[s].Label;
        }
        plot.Axes.Bottom.SetTicks(names.Select((_, i) => i * 4 + 1.0).ToArray(), names);
        plot.YLabel("bytes per record");
        plot.Title($"Encoded size of {count:N0} orders");
        plot.ShowLegend();
        b.Plot(context.SavePlot(plot, "format-sizes.png", "Bytes per record: raw, after gzip and after brotli"));

        b.Note("Timings are single-threaded Stopwatch medians on a shared machine; the BenchmarkDotNet suite (bench/Encoding, report in bench/reports/) is the careful measurement.");
        var proto = results[1];
        var av = results[2];
        return Task.FromResult(b.Build(
            $"Per record: JSON {json.BytesPerRecord:0} B, Protobuf {proto.BytesPerRecord:0} B, Avro {av.BytesPerRecord:0} B; " +
            $"encode {json.EncodeNsPerRecord:0} / {proto.EncodeNsPerRecord:0} / {av.EncodeNsPerRecord:0} ns, decode {json.DecodeNsPerRecord:0} / {proto.DecodeNsPerRecord:0} / {av.DecodeNsPerRecord:0} ns."));
    }
}
