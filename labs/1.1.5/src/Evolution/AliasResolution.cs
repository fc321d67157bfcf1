using System.Text.Json.Nodes;
using Avro;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// Applies a reader schema's aliases to a writer schema before resolution, as Java's
/// <c>Schema.applyAliases</c> does: writer fields and named types that the reader knows under a new name
/// (through <c>aliases</c>) are renamed to the reader's names. Binary Avro carries no names, so the
/// renamed writer schema decodes the same bytes.
/// <para>Why it is needed: Apache.Avro 1.12.2's resolving readers match a renamed field through its alias
/// but then also treat it as absent and fill it from the default (AVRO-3770): with no default the read
/// fails ("End of stream reached"), with one the default silently replaces the value. Resolving against
/// the renamed writer schema avoids that path.</para>
/// </summary>
public static class AliasResolution
{
    /// <summary>The writer schema with the reader's names applied; the same instance when no alias is involved.</summary>
    public static Schema ApplyReaderAliases(Schema writer, Schema reader)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        var renames = new Renames();
        CollectRenames(reader, writer, renames, []);
        if (renames.IsEmpty) return writer;
        return Schema.Parse(Emit(writer, renames, []).ToJsonString());
    }

    private sealed class Renames
    {
        public Dictionary<(string Record, string Field), string> Fields { get; } = [];
        public Dictionary<string, string> Types { get; } = [];
        public bool IsEmpty => Fields.Count == 0 && Types.Count == 0;

        public string TypeName(NamedSchema writer) => Types.GetValueOrDefault(writer.Fullname, writer.Fullname);
    }

    private static void CollectRenames(Schema reader, Schema writer, Renames renames, HashSet<(string, string)> visited)
    {
        if (writer is UnionSchema writerUnion)
        {
            foreach (var branch in writerUnion.Schemas)
                if (MatchingBranch(reader, branch) is { } r) CollectRenames(r, branch, renames, visited);
            return;
        }
        if (reader is UnionSchema)
        {
            if (MatchingBranch(reader, writer) is { } r) CollectRenames(r, writer, renames, visited);
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

    private static Schema? MatchingBranch(Schema reader, Schema writerBranch)
    {
        if (reader is not UnionSchema union) return reader;
        return union.Schemas.FirstOrDefault(r => r.Tag == writerBranch.Tag &&
                                                 (r is not NamedSchema rn || AvroCompatibility.NamesMatch(rn, (NamedSchema)writerBranch)));
    }

    /// <summary>Writes a schema back to JSON with the renames applied; named types are defined once, then referenced by name.</summary>
    private static JsonNode Emit(Schema schema, Renames renames, HashSet<string> defined)
    {
        switch (schema)
        {
            case RecordSchema record:
                {
                    var name = renames.TypeName(record);
                    if (!defined.Add(name)) return JsonValue.Create(name);
                    var fields = new JsonArray();
                    foreach (var field in record.Fields)
                    {
                        var node = new JsonObject
                        {
                            ["name"] = renames.Fields.GetValueOrDefault((record.Fullname, field.Name), field.Name),
                            ["type"] = Emit(field.Schema, renames, defined),
                        };
                        if (field.DefaultValue is not null) node["default"] = JsonNode.Parse(field.DefaultValue.ToString(Newtonsoft.Json.Formatting.None));
                        fields.Add(node);
                    }
                    return new JsonObject { ["type"] = record.Tag == Schema.Type.Error ? "error" : "record", ["name"] = name, ["fields"] = fields };
                }
            case EnumSchema enumSchema:
                {
                    var name = renames.TypeName(enumSchema);
                    if (!defined.Add(name)) return JsonValue.Create(name);
                    var node = new JsonObject { ["type"] = "enum", ["name"] = name, ["symbols"] = new JsonArray([.. enumSchema.Symbols.Select(s => JsonValue.Create(s))]) };
                    if (enumSchema.Default is not null) node["default"] = enumSchema.Default;
                    return node;
                }
            case FixedSchema fixedSchema:
                {
                    var name = renames.TypeName(fixedSchema);
                    if (!defined.Add(name)) return JsonValue.Create(name);
                    return new JsonObject { ["type"] = "fixed", ["name"] = name, ["size"] = fixedSchema.Size };
                }
            case ArraySchema array:
                return new JsonObject { ["type"] = "array", ["items"] = Emit(array.ItemSchema, renames, defined) };
            case MapSchema map:
                return new JsonObject { ["type"] = "map", ["values"] = Emit(map.ValueSchema, renames, defined) };
            case UnionSchema union:
                return new JsonArray([.. union.Schemas.Select(s => Emit(s, renames, defined))]);
            case LogicalSchema logical:
                return JsonNode.Parse(logical.ToString())!;
            default:
                return JsonValue.Create(schema.Tag.ToString().ToLowerInvariant());
        }
    }
}
