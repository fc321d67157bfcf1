using System.Globalization;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// The specification's type promotions and its decimal rule, each tried three ways on one written value: the
/// compatibility checker's verdict, Apache.Avro's resolving reader alone, and the lab's reader. Shows where the
/// library's resolution differs from the specification (string ↔ bytes refused; a decimal read with another scale
/// silently rescaled) and that the checker and the lab's reader agree.
/// </summary>
public static class Promotions
{
    private static readonly byte[] Utf8Bytes = System.Text.Encoding.UTF8.GetBytes("wörld ✓");

    public static IReadOnlyList<PromotionCase> Cases { get; } =
    [
        new("int → long", "\"int\"", "\"long\"", 42, 42L),
        new("int → float", "\"int\"", "\"float\"", 42, 42f),
        new("int → double", "\"int\"", "\"double\"", 42, 42d),
        new("long → float", "\"long\"", "\"float\"", 3_000_000_000L, 3_000_000_000f),
        new("long → double", "\"long\"", "\"double\"", 3_000_000_000L, 3_000_000_000d),
        new("float → double", "\"float\"", "\"double\"", 1.5f, 1.5d),
        new("string → bytes", "\"string\"", "\"bytes\"", "héllo ✓", System.Text.Encoding.UTF8.GetBytes("héllo ✓")),
        new("bytes → string", "\"bytes\"", "\"string\"", Utf8Bytes, "wörld ✓"),
        new("[null, string] → [null, bytes]", "[\"null\", \"string\"]", "[\"null\", \"bytes\"]", "ünïon", System.Text.Encoding.UTF8.GetBytes("ünïon")),
        new("array<bytes> → array<string>", "{\"type\": \"array\", \"items\": \"bytes\"}", "{\"type\": \"array\", \"items\": \"string\"}",
            new object[] { Utf8Bytes }, new object[] { "wörld ✓" }),
        new("decimal(10,2) → decimal(10,2)", Decimal(10, 2), Decimal(10, 2), new AvroDecimal(12.34m), new AvroDecimal(12.34m)),
        // The specification refuses both: scales must match (12.34 has no meaning at scale 3) and so must precisions
        // (a wider one would hold the same value, but the rule is exact match).
        new("decimal(10,2) → decimal(10,3)", Decimal(10, 2), Decimal(10, 3), new AvroDecimal(12.34m), null),
        new("decimal(10,2) → decimal(12,2)", Decimal(10, 2), Decimal(12, 2), new AvroDecimal(12.34m), new AvroDecimal(12.34m)),
    ];

    private static string Decimal(int precision, int scale) =>
        $"{{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": {precision}, \"scale\": {scale}}}";

    /// <summary>A record schema with one field <c>value</c> of the given Avro type.</summary>
    public static RecordSchema RecordOf(string type) =>
        (RecordSchema)Schema.Parse($"{{\"type\": \"record\", \"name\": \"P\", \"fields\": [{{\"name\": \"value\", \"type\": {type}}}]}}");

    public static IReadOnlyList<PromotionOutcome> Run(CheckerBug bug = CheckerBug.None) => [.. Cases.Select(c => Run(c, bug))];

    public static PromotionOutcome Run(PromotionCase c, CheckerBug bug = CheckerBug.None)
    {
        ArgumentNullException.ThrowIfNull(c);
        var writer = RecordOf(c.WriterType);
        var reader = RecordOf(c.ReaderType);
        var problems = AvroCompatibility.Check(reader, writer, bug);
        var record = new GenericRecord(writer);
        record.Add("value", c.Written);
        var bytes = AvroReaders.Encode(record);

        var (alone, aloneCorrect) = Attempt(c, () =>
        {
            using var input = new MemoryStream(bytes);
            return new GenericDatumReader<GenericRecord>(writer, reader).Read(null!, new BinaryDecoder(input))["value"];
        });
        var (lab, labCorrect) = Attempt(c, () => AvroReaders.DecodeGeneric(bytes, writer, reader)["value"]);
        return new PromotionOutcome(c, problems.Count == 0, problems.FirstOrDefault()?.Message, alone, aloneCorrect, lab, labCorrect);
    }

    private static (string Text, bool Correct) Attempt(PromotionCase c, Func<object?> read)
    {
        try
        {
            var value = read();
            return (Show(value), c.Expected is not null && Same(c.Expected, value));
        }
        catch (AvroException e)
        {
            return ($"refused: {e.Message}", false);
        }
    }

    private static bool Same(object expected, object? actual) => (expected, actual) switch
    {
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (object[] a, object[] b) => a.Length == b.Length && a.Zip(b).All(p => Same(p.First, p.Second)),
        (object[] a, System.Collections.IList b) => a.Length == b.Count && a.Zip(b.Cast<object?>()).All(p => Same(p.First, p.Second)),
        (AvroDecimal a, AvroDecimal b) => a.ToType<decimal>() == b.ToType<decimal>() && a.Scale == b.Scale,
        _ => Equals(expected, actual),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        byte[] b => $"bytes [{Convert.ToHexString(b)}]",
        string s => $"\"{s}\"",
        AvroDecimal d => $"{d.ToType<decimal>().ToString(CultureInfo.InvariantCulture)} (scale {d.Scale})",
        System.Collections.IList list => $"[{string.Join(", ", list.Cast<object?>().Select(Show))}]",
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
        _ => value.ToString() ?? "",
    };
}
