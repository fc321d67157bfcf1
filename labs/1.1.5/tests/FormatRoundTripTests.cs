using FsCheck;
using FsCheck.Fluent;
using StatelessMind.Labs.Encoding.Formats;

namespace StatelessMind.Labs.Encoding.Tests;

/// <summary>1.1.5-2: every format gives back exactly the order it was given, for generated orders with edge cases.</summary>
public sealed class FormatRoundTripTests(ITestOutputHelper output)
{
    private const int Seed = 20261127;

    // Strings: ASCII, accents, CJK, emoji (surrogate pairs), quotes/backslashes/control characters that
    // JSON must escape, and the empty string. Only well-formed UTF-16: all three formats carry UTF-8.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Elements("", "Anna", "Chloé Müller", "東京都", "🚚 express", "quote \" and \\ backslash", "tab\tnew\nline", "\u0001ctl"),
        Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements("a", "Z", "é", "ß", "€", "中", "😀", " ", "\"", "\\", "\n"), n)).Select(parts => string.Concat(parts)));

    private static readonly Gen<double> Number = Gen.OneOf(
        Gen.Elements(0.0, -0.0, 1e-300, double.MaxValue, double.MinValue, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1 + 0.2),
        Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 100.0));

    private static readonly Gen<long> Long = Gen.OneOf(Gen.Elements(0L, -1L, long.MaxValue, long.MinValue), Gen.Choose(int.MinValue, int.MaxValue).Select(i => (long)i * 7919));

    private static readonly Gen<Order> Orders =
        from id in Long
        from created in Long
        from name in Text
        from email in Text
        from hasAddress in Gen.Elements(true, false)
        from street in Text
        from city in Text
        from items in Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(
            from sku in Text
            from description in Text
            from qty in Gen.Choose(int.MinValue, int.MaxValue)
            from price in Number
            select new LineItem(sku, description, qty, price), n))
        from tags in Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Text, n))
        from coupon in Gen.OneOf(Gen.Constant<string?>(null), Text.Select(s => (string?)s))
        from discount in Gen.OneOf(Gen.Constant<double?>(null), Number.Select(d => (double?)d))
        from currency in Text
        from status in Text
        select new Order(id, created,
            new OrderCustomer(id ^ 0x5555, name, email, hasAddress ? new Address(street, city, "1017 AB", "NL") : null),
            [.. items], [.. tags], coupon, discount, currency, status);

    private static Config Deterministic(int maxTest) =>
        Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(maxTest).WithReplay(new Replay(new Rnd((ulong)Seed, 0x9E3779B97F4A7C15UL), Microsoft.FSharp.Core.FSharpOption<int>.None));

    private void RoundTrips<T>(IOrderFormat<T> format)
    {
        var checkedCount = 0;
        Check.One(Deterministic(300), Prop.ForAll(Orders.ToArbitrary(), order =>
        {
            var set = EncodedRecordSet.Encode(format, [format.ToNative(order)]);
            var back = format.FromNative(set.Decode(format)[0]);
            checkedCount++;
            return back == order;
        }));
        output.WriteLine($"{format.Name}: {checkedCount} generated orders round-tripped");
        Assert.True(checkedCount >= 300);
    }

    [Fact]
    [Goal("1.1.5-2")]
    public void Json_round_trips_every_generated_order() => RoundTrips(new JsonOrderFormat());

    [Fact]
    [Goal("1.1.5-2")]
    public void Protobuf_round_trips_every_generated_order() => RoundTrips(new ProtobufOrderFormat());

    [Fact]
    [Goal("1.1.5-2")]
    public void Avro_round_trips_every_generated_order() => RoundTrips(new AvroOrderFormat());

    [Fact]
    [Goal("1.1.5-2")]
    public void An_avro_container_file_round_trips_a_realistic_set_and_carries_its_schema_once()
    {
        var orders = OrderSetGenerator.Generate(500, Seed);
        var format = new AvroOrderFormat();
        using var file = new MemoryStream();
        AvroOrderFormat.WriteContainer(orders.Select(format.ToNative), file);
        var bare = EncodedRecordSet.Encode(format, orders.Select(format.ToNative).ToList());
        file.Position = 0;
        var back = AvroOrderFormat.ReadContainer(file).Select(format.FromNative).ToList();
        Assert.Equal(orders, back);
        // The header (magic, schema JSON, sync marker) costs a fixed amount, not a per-record one.
        var overhead = file.Length - bare.Bytes.Length;
        Assert.InRange(overhead, 500, 4000);
        output.WriteLine($"container {file.Length:N0} B vs bare datums {bare.Bytes.Length:N0} B: {overhead:N0} B of header and block framing");
    }

    [Fact]
    [Goal("1.1.5-2")]
    public void On_the_realistic_set_the_binary_formats_are_smaller_than_json()
    {
        var orders = OrderSetGenerator.Generate(1000, Seed);
        var json = EncodedRecordSet.Encode(new JsonOrderFormat(), orders);
        var protobufFormat = new ProtobufOrderFormat();
        var protobuf = EncodedRecordSet.Encode(protobufFormat, orders.Select(protobufFormat.ToNative).ToList());
        var avroFormat = new AvroOrderFormat();
        var avro = EncodedRecordSet.Encode(avroFormat, orders.Select(avroFormat.ToNative).ToList());
        output.WriteLine($"bytes/record: JSON {json.Bytes.Length / 1000.0:F1}, Protobuf {protobuf.Bytes.Length / 1000.0:F1}, Avro {avro.Bytes.Length / 1000.0:F1}");
        Assert.True(protobuf.Bytes.Length < json.Bytes.Length / 1.5);
        Assert.True(avro.Bytes.Length < protobuf.Bytes.Length); // no field tags in Avro: the schema says what comes next
        Assert.Equal(orders, json.Decode(new JsonOrderFormat()));
    }
}
