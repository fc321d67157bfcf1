using StatelessMind.Labs.Encoding.Formats;

namespace StatelessMind.Labs.Encoding.Tests;

/// <summary>1.1.5-2d: the measuring loop of the format comparison: what it reports per record agrees with the encoded set.</summary>
public sealed class FormatComparisonTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.5-2")]
    public void Each_format_is_measured_per_record_and_round_trips_the_set()
    {
        var orders = OrderSetGenerator.Generate(300, seed: 5);

        var results = FormatComparison.Run(orders, passes: 3);

        Assert.Equal(["JSON", "Protobuf", "Avro"], results.Select(r => r.Format.Split(' ')[0]));
        foreach (var r in results)
        {
            Assert.True(r.RoundTripExact, $"{r.Format}: the decoded set differs from the orders");
            Assert.Equal(orders.Count, r.Records);
            Assert.True(r.EncodeNsPerRecord is > 0 and < 1e8 && r.DecodeNsPerRecord is > 0 and < 1e8, $"{r.Format}: {r.EncodeNsPerRecord} / {r.DecodeNsPerRecord} ns per record");
            Assert.Equal((double)r.RawBytes / r.Records, r.BytesPerRecord, 9);
            output.WriteLine($"{r.Format}: {r.BytesPerRecord:0.0} B, encode {r.EncodeNsPerRecord:0} ns ({r.EncodeAllocatedBytesPerRecord:0} B allocated), decode {r.DecodeNsPerRecord:0} ns ({r.DecodeAllocatedBytesPerRecord:0} B)");
        }
        // Decoding builds every record's objects and strings again: it must allocate at least the decoded text.
        Assert.All(results, r => Assert.True(r.DecodeAllocatedBytesPerRecord >= 50, $"{r.Format}: {r.DecodeAllocatedBytesPerRecord} B allocated per decoded record"));
    }
}
