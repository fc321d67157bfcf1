using Avro;
using Avro.Generic;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// Deterministic Customer records for any schema version. The values cycle through every enum symbol and
/// every union branch the version has, so each version's data uses what that version added (PLATINUM,
/// Phone, DIAMOND): an old reader that cannot read those really meets them.
/// </summary>
public static class CustomerSamples
{
    public static List<GenericRecord> For(SchemaVersion version, int count)
    {
        ArgumentNullException.ThrowIfNull(version);
        var schema = (RecordSchema)version.Schema;
        var list = new List<GenericRecord>(count);
        for (var i = 0; i < count; i++) list.Add(Create(schema, version.Version, i));
        return list;
    }

    public static GenericRecord Create(RecordSchema schema, int version, int i)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            object? value = field.Name switch
            {
                "id" => (long)(version * 100_000 + i),
                "name" or "full_name" => $"Customer {version}-{i}",
                "loyalty_points" when field.Schema.Tag == Schema.Type.Long => 3_000_000_000L + i,
                "loyalty_points" => 100 * i,
                "score" when field.Schema.Tag == Schema.Type.Double => 0.1 + i,
                "score" => 0.5f + i,
                "legacy_code" => $"L-{i:D4}",
                "tier" => Tier((EnumSchema)field.Schema, i),
                "contact" => Contact((UnionSchema)field.Schema, i),
                "tags" => i % 2 == 0 ? new object[] { "newsletter", $"cohort-{i % 5}" } : Array.Empty<object>(),
                "country" => i % 3 == 0 ? "NL" : "DE",
                _ => throw new InvalidOperationException($"No sample value for field '{field.Name}' of v{version}."),
            };
            record.Add(field.Name, value);
        }
        return record;
    }

    private static GenericEnum Tier(EnumSchema schema, int i) => new(schema, schema.Symbols[i % schema.Symbols.Count]);

    private static GenericRecord? Contact(UnionSchema union, int i)
    {
        var branch = union.Schemas[i % union.Count];
        if (branch is not RecordSchema record) return null;
        var contact = new GenericRecord(record);
        if (record.Name == "Email") contact.Add("address", $"c{i}@example.org");
        else contact.Add("number", $"+31 20 555 {i:D4}");
        return contact;
    }
}
