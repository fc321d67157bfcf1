using System.Text.Json;
using Avro;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// Schema-level compatibility by the resolution rules of the Avro specification ("Schema Resolution"):
/// can data written with <c>writer</c> always be read with <c>reader</c>? Unlike Apache.Avro's own
/// <see cref="Schema.CanRead"/>, which accepts any two enums or unions and fails later on the first
/// unknown symbol or branch in the data, this checker is strict (as a schema registry must be) and
/// reports every problem with the path of the offending field.
/// </summary>
public static class AvroCompatibility
{
    /// <summary>Every incompatibility between a reader and a writer schema; empty when the reader can read all the writer's data.</summary>
    /// <param name="reader">The schema the data is read with.</param>
    /// <param name="writer">The schema the data was written with.</param>
    /// <param name="bug">A deliberate mistake to check with (tests only).</param>
    public static IReadOnlyList<Incompatibility> Check(Schema reader, Schema writer, CheckerBug bug = CheckerBug.None)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        var found = new List<Incompatibility>();
        CheckPair(reader, writer, RootPath(reader), found, new HashSet<(Schema, Schema)>(PairComparer.Instance));
        // The planted bugs: a checker that forgets one rule reports nothing for it.
        found.RemoveAll(i => bug switch
        {
            CheckerBug.IgnoreDefaults => i.Kind == IncompatibilityKind.MissingDefault,
            CheckerBug.IgnoreDecimalPrecisionAndScale => i.Kind == IncompatibilityKind.DecimalMismatch,
            _ => false,
        });
        return found;
    }

    public static bool CanRead(Schema reader, Schema writer, CheckerBug bug = CheckerBug.None) => Check(reader, writer, bug).Count == 0;

    private static void CheckPair(Schema reader, Schema writer, string path, List<Incompatibility> found, HashSet<(Schema, Schema)> visiting)
    {
        // "Two schemas that are decimal logical types match if their scales and precisions match" (the specification).
        if (DecimalOf(reader) is { } readerDecimal && DecimalOf(writer) is { } writerDecimal && readerDecimal != writerDecimal)
        {
            found.Add(new Incompatibility(path, IncompatibilityKind.DecimalMismatch,
                $"the reader's decimal({readerDecimal.Precision},{readerDecimal.Scale}) cannot read the writer's decimal({writerDecimal.Precision},{writerDecimal.Scale}): precision and scale must match"));
            return;
        }
        reader = Unwrap(reader);
        writer = Unwrap(writer);
        // A recursive type (a record that contains itself) is compatible with itself on the second visit
        // if it was on the first: stop here instead of recursing forever.
        if (!visiting.Add((reader, writer))) return;
        try
        {
            if (reader is UnionSchema readerUnion)
            {
                var writerBranches = writer is UnionSchema wu ? wu.Schemas : [writer];
                foreach (var branch in writerBranches) CheckBranchAgainstUnion(readerUnion, branch, path, found, visiting);
                return;
            }
            if (writer is UnionSchema writerUnion)
            {
                // The reader is not a union: it must be able to read whichever branch the writer chose.
                foreach (var branch in writerUnion.Schemas)
                    CheckPair(reader, branch, writerUnion.Count > 1 ? $"{path}[{BranchName(branch)}]" : path, found, visiting);
                return;
            }

            if (reader.Tag != writer.Tag)
            {
                if (!IsPromotion(writer.Tag, reader.Tag))
                    found.Add(new Incompatibility(path, IncompatibilityKind.TypeMismatch,
                        $"the reader's {TypeName(reader)} cannot read the writer's {TypeName(writer)} (the only promotions are int→long/float/double, long→float/double, float→double, string↔bytes)"));
                return;
            }

            switch (reader)
            {
                case RecordSchema readerRecord:
                    CheckRecord(readerRecord, (RecordSchema)writer, path, found, visiting);
                    break;
                case EnumSchema readerEnum:
                    CheckEnum(readerEnum, (EnumSchema)writer, path, found);
                    break;
                case FixedSchema readerFixed:
                    var writerFixed = (FixedSchema)writer;
                    CheckName(readerFixed, writerFixed, path, found);
                    if (readerFixed.Size != writerFixed.Size)
                        found.Add(new Incompatibility(path, IncompatibilityKind.FixedSizeMismatch,
                            $"fixed '{readerFixed.Name}' is {readerFixed.Size} bytes in the reader and {writerFixed.Size} in the writer"));
                    break;
                case ArraySchema readerArray:
                    CheckPair(readerArray.ItemSchema, ((ArraySchema)writer).ItemSchema, path + "[]", found, visiting);
                    break;
                case MapSchema readerMap:
                    CheckPair(readerMap.ValueSchema, ((MapSchema)writer).ValueSchema, path + "{}", found, visiting);
                    break;
                // Primitives of the same type always match.
            }
        }
        finally
        {
            visiting.Remove((reader, writer));
        }
    }

    private static void CheckRecord(RecordSchema reader, RecordSchema writer, string path, List<Incompatibility> found, HashSet<(Schema, Schema)> visiting)
    {
        #region Exercise 1.1.5-1a: match the records' names, then each reader field to a writer field by name or alias; a field the writer lacks needs a default (tests: AvroCompatibilityTests.Record*, SchemaEvolutionTests.Each_step*, SchemaEvolutionTests.Container*, SchemaRegistryTests.A_*, SchemaRegistryTests.Forward*)
        if (!CheckName(reader, writer, path, found)) return;
        foreach (var readerField in reader.Fields)
        {
            var fieldPath = $"{path}.{readerField.Name}";
            var writerField = FindWriterField(writer, readerField);
            if (writerField is not null)
            {
                CheckPair(readerField.Schema, writerField.Schema, fieldPath, found, visiting);
            }
            else if (readerField.DefaultValue is null)
            {
                var aliases = readerField.Aliases is { Count: > 0 } a ? $" (nor one of its aliases {string.Join(", ", a)})" : "";
                found.Add(new Incompatibility(fieldPath, IncompatibilityKind.MissingDefault,
                    $"the reader's field '{readerField.Name}' has no default and the writer has no field '{readerField.Name}'{aliases}"));
            }
            // Writer fields the reader does not name are skipped when reading: never a problem.
        }
        #endregion
    }

    private static void CheckEnum(EnumSchema reader, EnumSchema writer, string path, List<Incompatibility> found)
    {
        #region Exercise 1.1.5-1b: match the enums' names; a writer symbol the reader lacks is fine only when the reader's enum has a default (tests: AvroCompatibilityTests.Enum*, SchemaEvolutionTests.Apache_Avro_CanRead*, SchemaEvolutionTests.Each_step*)
        if (!CheckName(reader, writer, path, found)) return;
        var missing = writer.Symbols.Where(s => !reader.Contains(s)).ToList();
        if (missing.Count > 0 && reader.Default is null)
            found.Add(new Incompatibility(path, IncompatibilityKind.MissingEnumSymbols,
                $"the writer's enum '{writer.Name}' has symbol(s) {string.Join(", ", missing)} that the reader lacks, and the reader's enum has no default"));
        #endregion
    }

    private static void CheckBranchAgainstUnion(UnionSchema reader, Schema writerBranch, string path, List<Incompatibility> found, HashSet<(Schema, Schema)> visiting)
    {
        #region Exercise 1.1.5-1c: find the reader union's branch for one writer branch, the same type and name first, then a promotion; none is an incompatibility (tests: AvroCompatibilityTests.Union*, SchemaEvolutionTests.Each_step*)
        var writerType = Unwrap(writerBranch);
        var branchPath = $"{path}[{BranchName(writerType)}]";
        var exact = reader.Schemas.FirstOrDefault(r => Unwrap(r).Tag == writerType.Tag && (Unwrap(r) is not NamedSchema rn || NamesMatch(rn, (NamedSchema)writerType)));
        if (exact is not null)
        {
            CheckPair(exact, writerBranch, branchPath, found, visiting);
            return;
        }
        if (reader.Schemas.Any(r => IsPromotion(writerType.Tag, Unwrap(r).Tag))) return;
        found.Add(new Incompatibility(branchPath, IncompatibilityKind.MissingUnionBranch,
            $"the writer may write a {TypeName(writerType)} here but the reader's union [{string.Join(", ", reader.Schemas.Select(BranchName))}] has no branch that reads it"));
        #endregion
    }

    private static Field? FindWriterField(RecordSchema writer, Field readerField)
    {
        if (writer.TryGetField(readerField.Name, out var byName)) return byName;
        foreach (var alias in readerField.Aliases ?? [])
            if (writer.TryGetField(alias, out var byAlias)) return byAlias;
        return null;
    }

    private static bool CheckName(NamedSchema reader, NamedSchema writer, string path, List<Incompatibility> found)
    {
        if (NamesMatch(reader, writer)) return true;
        found.Add(new Incompatibility(path, IncompatibilityKind.NameMismatch,
            $"the reader's {reader.Tag.ToString().ToLowerInvariant()} '{reader.Fullname}' does not match the writer's '{writer.Fullname}' and has no alias for it"));
        return false;
    }

    /// <summary>Named types match when their unqualified names are equal, or the reader lists the writer's name as an alias.</summary>
    public static bool NamesMatch(NamedSchema reader, NamedSchema writer) =>
        reader.Name == writer.Name || AliasesOf(reader).Any(a => a == writer.Fullname || a == writer.Name);

    /// <summary>The aliases of a named type, fully qualified (Apache.Avro keeps them private, so they are read from the schema's JSON).</summary>
    public static IReadOnlyList<string> AliasesOf(NamedSchema schema)
    {
        using var doc = JsonDocument.Parse(schema.ToString());
        if (!doc.RootElement.TryGetProperty("aliases", out var aliases)) return [];
        return aliases.EnumerateArray()
            .Select(a => a.GetString() ?? "")
            .Select(a => a.Contains('.', StringComparison.Ordinal) || string.IsNullOrEmpty(schema.Namespace) ? a : $"{schema.Namespace}.{a}")
            .ToList();
    }

    /// <summary>The type promotions of the specification: a reader of type <paramref name="reader"/> reads a writer's <paramref name="writer"/>.</summary>
    internal static bool IsPromotion(Schema.Type writer, Schema.Type reader) => (writer, reader) switch
    {
        (Schema.Type.Int, Schema.Type.Long or Schema.Type.Float or Schema.Type.Double) => true,
        (Schema.Type.Long, Schema.Type.Float or Schema.Type.Double) => true,
        (Schema.Type.Float, Schema.Type.Double) => true,
        (Schema.Type.String, Schema.Type.Bytes) or (Schema.Type.Bytes, Schema.Type.String) => true,
        _ => false,
    };

    private static Schema Unwrap(Schema schema) => schema is LogicalSchema logical ? logical.BaseSchema : schema;

    /// <summary>Precision and scale when <paramref name="schema"/> is a decimal (scale 0 when not stated), else null.</summary>
    private static (int Precision, int Scale)? DecimalOf(Schema schema)
    {
        if (schema is not LogicalSchema { LogicalTypeName: "decimal" } logical) return null;
        using var doc = JsonDocument.Parse(logical.ToString());
        var root = doc.RootElement;
        return (root.GetProperty("precision").GetInt32(), root.TryGetProperty("scale", out var scale) ? scale.GetInt32() : 0);
    }

    private static string RootPath(Schema schema) => Unwrap(schema) is NamedSchema named ? named.Name : TypeName(schema);

    private static string BranchName(Schema schema) => Unwrap(schema) is NamedSchema named ? named.Name : TypeName(schema);

    private static string TypeName(Schema schema) => Unwrap(schema) switch
    {
        EnumSchema named => $"enum '{named.Name}'",
        NamedSchema named => $"{named.Tag.ToString().ToLowerInvariant()} '{named.Name}'",
        ArraySchema => "array",
        MapSchema => "map",
        UnionSchema => "union",
        var s => s.Tag.ToString().ToLowerInvariant(),
    };

    /// <summary>Pairs of schemas by reference: Apache.Avro's Schema.Equals is structural and costly.</summary>
    private sealed class PairComparer : IEqualityComparer<(Schema, Schema)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((Schema, Schema) x, (Schema, Schema) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((Schema, Schema) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
