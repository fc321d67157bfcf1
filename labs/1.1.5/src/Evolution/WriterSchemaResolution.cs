using System.Text.Json.Nodes;
using Avro;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// Adapts a writer schema to a reader schema before Apache.Avro resolves the two, for the two rules of the
/// specification that Apache.Avro 1.12.2 (C#) does not apply by itself. Binary Avro carries no names and no type
/// tags, so the adapted writer schema decodes exactly the same bytes:
/// <list type="bullet">
/// <item><b>Aliases</b>, as Java's <c>Schema.applyAliases</c> does: writer fields and named types that the reader
/// knows under a new name (through <c>aliases</c>) are renamed to the reader's names. Apache.Avro matches a renamed
/// field through its alias but then also treats it as absent and fills it from the default (AVRO-3770): with no
/// default the read fails ("End of stream reached"), with one the default silently replaces the value.</item>
/// <item><b>string ↔ bytes.</b> The specification lets a reader read a string as bytes and bytes as a string, and
/// both are written the same way (a length, then the bytes); Apache.Avro refuses the pair ("Schema mismatch").
/// Where the reader asks for the other of the two, the writer's type is re-stated as the reader's.</item>
/// </list>
/// </summary>
public static class WriterSchemaResolution
{
    /// <summary>The writer schema with the reader's names and string/bytes types applied; the same instance when nothing changes.</summary>
    public static Schema Adapt(Schema writer, Schema reader)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        var renames = new Renames();
        CollectRenames(reader, writer, renames, []);
        var emitted = new Emission(renames);
        var json = Emit(writer, reader, emitted);
        return emitted.Changed ? Schema.Parse(json.ToJsonString()) : writer;
    }

    private sealed class Renames
    {
        public Dictionary<(string Record, string Field), string> Fields { get; } = [];
        public Dictionary<string, string> Types { get; } = [];

        public string TypeName(NamedSchema writer) => Types.GetValueOrDefault(writer.Fullname, writer.Fullname);
    }

    /// <summary>The state of one emission: the renames to apply, named types already written, whether anything changed.</summary>
    private sealed class Emission(Renames renames)
    {
        public Renames Renames { get; } = renames;
        public HashSet<string> Defined { get; } = [];
        public bool Changed { get; set; } = renames.Fields.Count > 0 || renames.Types.Count > 0;
    }

    private static void CollectRenames(Schema reader, Schema writer, Renames renames, HashSet<(string, string)> visited)
    {
        if (writer is UnionSchema writerUnion)
        {
            foreach (var branch in writerUnion.Schemas)
                if (Counterpart(reader, branch) is { } r) CollectRenames(r, branch, renames, visited);
            return;
        }
        if (reader is UnionSchema)
        {
            if (Counterpart(reader, writer) is { } r) CollectRenames(r, writer, renames, visited);
            return;
        }
        switch (reader, writer)
        {
            case (RecordSchema rr, RecordSchema wr):
                if (!visited.Add((rr.Fullname, wr.Fullname))) return;
                NoteTypeRename(rr, wr, renames);
                foreach (var readerField in rr.Fields)
                {
                    if (wr.TryGetField(readerField.Name, out var same))
                    {
                        CollectRenames(readerField.Schema, same.Schema, renames, visited);
                        continue;
                    }
                    foreach (var alias in readerField.Aliases ?? [])
                    {
                        if (!wr.TryGetField(alias, out var aliased)) continue;
                        renames.Fields[(wr.Fullname, aliased.Name)] = readerField.Name;
                        CollectRenames(readerField.Schema, aliased.Schema, renames, visited);
                        break;
                    }
                }
                break;
            case (EnumSchema re, EnumSchema we):
                NoteTypeRename(re, we, renames);
                break;
            case (FixedSchema rf, FixedSchema wf):
                NoteTypeRename(rf, wf, renames);
                break;
            case (ArraySchema ra, ArraySchema wa):
                CollectRenames(ra.ItemSchema, wa.ItemSchema, renames, visited);
                break;
            case (MapSchema rm, MapSchema wm):
                CollectRenames(rm.ValueSchema, wm.ValueSchema, renames, visited);
                break;
        }
    }

    private static void NoteTypeRename(NamedSchema reader, NamedSchema writer, Renames renames)
    {
        if (reader.Fullname != writer.Fullname && AvroCompatibility.NamesMatch(reader, writer))
            renames.Types[writer.Fullname] = reader.Fullname;
    }

    /// <summary>
    /// The part of <paramref name="reader"/> that reads data of <paramref name="writer"/>: the reader itself, or for a
    /// reader union the branch the specification picks (same type and name first, then one reached by a promotion).
    /// </summary>
    private static Schema? Counterpart(Schema? reader, Schema writer)
    {
        if (reader is not UnionSchema union) return reader;
        return union.Schemas.FirstOrDefault(r => Unwrap(r).Tag == Unwrap(writer).Tag &&
                                                 (r is not NamedSchema rn || AvroCompatibility.NamesMatch(rn, (NamedSchema)writer)))
               ?? union.Schemas.FirstOrDefault(r => AvroCompatibility.IsPromotion(Unwrap(writer).Tag, Unwrap(r).Tag));
    }

    private static Schema Unwrap(Schema schema) => schema is LogicalSchema logical ? logical.BaseSchema : schema;

    /// <summary>
    /// Writes <paramref name="writer"/> back as JSON, walking <paramref name="reader"/> alongside: fields and named types
    /// get the reader's names, and a writer string (bytes) whose reader counterpart is bytes (string) is written as the
    /// reader's type. Named types are defined once, then referenced by name.
    /// </summary>
    private static JsonNode Emit(Schema writer, Schema? reader, Emission emission)
    {
        #region Exercise 1.1.5-1e: emit the writer schema under the reader's names, re-typing string and bytes where the reader asks for the other (tests: WriterSchemaResolutionTests, PromotionTests.The_lab*, SchemaEvolutionTests.A_rename*, SchemaEvolutionTests.The_newest*, SchemaEvolutionTests.The_specific*)
        var renames = emission.Renames;
        switch (writer)
        {
            case RecordSchema record:
                {
                    var name = renames.TypeName(record);
                    if (!emission.Defined.Add(name)) return JsonValue.Create(name);
                    var readerRecord = Counterpart(reader, record) as RecordSchema;
                    var fields = new JsonArray();
                    foreach (var field in record.Fields)
                    {
                        var readerName = renames.Fields.GetValueOrDefault((record.Fullname, field.Name), field.Name);
                        Field? readerField = null;
                        readerRecord?.TryGetField(readerName, out readerField);
                        var node = new JsonObject { ["name"] = readerName, ["type"] = Emit(field.Schema, readerField?.Schema, emission) };
                        if (field.DefaultValue is not null) node["default"] = JsonNode.Parse(field.DefaultValue.ToString(Newtonsoft.Json.Formatting.None));
                        fields.Add(node);
                    }
                    return new JsonObject { ["type"] = record.Tag == Schema.Type.Error ? "error" : "record", ["name"] = name, ["fields"] = fields };
                }
            case EnumSchema enumSchema:
                {
                    var name = renames.TypeName(enumSchema);
                    if (!emission.Defined.Add(name)) return JsonValue.Create(name);
                    var node = new JsonObject { ["type"] = "enum", ["name"] = name, ["symbols"] = new JsonArray([.. enumSchema.Symbols.Select(s => JsonValue.Create(s))]) };
                    if (enumSchema.Default is not null) node["default"] = enumSchema.Default;
                    return node;
                }
            case FixedSchema fixedSchema:
                {
                    var name = renames.TypeName(fixedSchema);
                    if (!emission.Defined.Add(name)) return JsonValue.Create(name);
                    return new JsonObject { ["type"] = "fixed", ["name"] = name, ["size"] = fixedSchema.Size };
                }
            case ArraySchema array:
                return new JsonObject { ["type"] = "array", ["items"] = Emit(array.ItemSchema, (Counterpart(reader, array) as ArraySchema)?.ItemSchema, emission) };
            case MapSchema map:
                return new JsonObject { ["type"] = "map", ["values"] = Emit(map.ValueSchema, (Counterpart(reader, map) as MapSchema)?.ValueSchema, emission) };
            case UnionSchema union:
                return new JsonArray([.. union.Schemas.Select(branch => Emit(branch, Counterpart(reader, branch), emission))]);
            case LogicalSchema logical:
                return JsonNode.Parse(logical.ToString())!;
            default:
                var counterpart = Counterpart(reader, writer) is { } r ? Unwrap(r).Tag : writer.Tag;
                if (writer.Tag is Schema.Type.String or Schema.Type.Bytes && counterpart is Schema.Type.String or Schema.Type.Bytes && counterpart != writer.Tag)
                {
                    emission.Changed = true;
                    return JsonValue.Create(counterpart.ToString().ToLowerInvariant());
                }
                return JsonValue.Create(writer.Tag.ToString().ToLowerInvariant());
        }
        #endregion
    }
}
