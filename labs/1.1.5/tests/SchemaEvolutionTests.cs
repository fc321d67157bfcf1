using Avro;
using Avro.Generic;
using Avro.IO;
using StatelessMind.Labs.Encoding.Crm;
using StatelessMind.Labs.Encoding.Evolution;

namespace StatelessMind.Labs.Encoding.Tests;

/// <summary>
/// 1.1.5-1: the Customer schema's history v1 … v8, resolved writer against reader by Apache.Avro and
/// judged by the compatibility checker. One property per test, each printing what it saw.
/// </summary>
public sealed class SchemaEvolutionTests(ITestOutputHelper output)
{
    private static SchemaVersion V(int v) => SchemaHistory.Version(v);

    // Rows: reader version, columns: writer version. Old readers can read newer data only across the
    // FULL steps (v1→v2→v3, adding a defaulted field and removing a defaulted one; v7→v8, an enum
    // symbol the older reader's enum default absorbs); every newer reader reads all older data.
    private static readonly bool[,] ExpectedMatrix = BuildExpected();

    private static bool[,] BuildExpected()
    {
        var m = new bool[9, 9];
        for (var r = 1; r <= 8; r++)
            for (var w = 1; w <= 8; w++)
                m[r, w] = r >= w || (r, w) is (1, 2) or (1, 3) or (2, 3) or (7, 8);
        return m;
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void The_history_has_eight_versions_each_saying_what_changed()
    {
        Assert.Equal(8, SchemaHistory.Customer.Count);
        Assert.All(SchemaHistory.Customer, v => Assert.StartsWith($"v{v.Version}: ", v.Change, StringComparison.Ordinal));
        foreach (var v in SchemaHistory.Customer) output.WriteLine(v.Change);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Each_step_is_backward_compatible_and_only_the_defaulted_changes_are_forward_compatible()
    {
        var expectedForward = new Dictionary<int, bool> { [2] = true, [3] = true, [4] = false, [5] = false, [6] = false, [7] = false, [8] = true };
        for (var v = 2; v <= 8; v++)
        {
            var backward = AvroCompatibility.Check(reader: V(v).Schema, writer: V(v - 1).Schema);
            var forward = AvroCompatibility.Check(reader: V(v - 1).Schema, writer: V(v).Schema);
            output.WriteLine($"v{v - 1}→v{v}: backward {(backward.Count == 0 ? "yes" : "NO")}, forward {(forward.Count == 0 ? "yes" : "no: " + string.Join("; ", forward))}");
            Assert.Empty(backward);
            Assert.Equal(expectedForward[v], forward.Count == 0);
        }
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Container_files_of_every_version_read_by_every_version_match_the_expected_matrix()
    {
        var dir = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "sm-encoding-matrix-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            var matrix = EvolutionMatrix.Build(SchemaHistory.Customer, dir, recordsPerFile: 60);
            output.WriteLine(matrix.Render());
            foreach (var cell in matrix.Cells)
            {
                var expected = ExpectedMatrix[cell.ReaderVersion, cell.WriterVersion];
                Assert.True(expected == cell.Predicted, $"checker: v{cell.ReaderVersion} reading v{cell.WriterVersion} predicted {cell.Predicted}, expected {expected}");
                Assert.True(expected == cell.Readable, $"Apache.Avro: v{cell.ReaderVersion} reading v{cell.WriterVersion} readable={cell.Readable} ({cell.Error}), expected {expected}");
                if (cell.Readable) Assert.Equal(60, cell.RecordsRead);
            }
            Assert.Equal(8 * 8, matrix.Cells.Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Planted_bug_a_checker_that_ignores_defaults_is_caught_by_the_evolution_matrix()
    {
        var dir = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "sm-encoding-matrix-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            var matrix = EvolutionMatrix.Build(SchemaHistory.Customer, dir, recordsPerFile: 20, CheckerBug.IgnoreDefaults);

            var wrong = matrix.Cells.Where(c => c.Predicted != c.Readable).ToList();
            Assert.NotEmpty(wrong);
            Assert.All(wrong, c => Assert.True(c.Predicted && !c.Readable, "the bug only ever approves too much"));
            Assert.Contains(wrong, c => (c.ReaderVersion, c.WriterVersion) == (3, 4)); // v3's 'name' has no default; v4 writes 'full_name'
            output.WriteLine($"with {nameof(CheckerBug.IgnoreDefaults)} the checker is wrong about {wrong.Count} cells: " +
                             string.Join(", ", wrong.Select(c => $"v{c.ReaderVersion} reading v{c.WriterVersion} ({c.Error})")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void The_newest_reader_resolves_v1_data_field_by_field()
    {
        var written = CustomerSamples.For(V(1), 4);
        for (var i = 0; i < written.Count; i++)
        {
            var read = AvroReaders.DecodeGeneric(AvroReaders.Encode(written[i]), V(1).Schema, V(8).Schema);
            Assert.Equal(written[i]["name"], read["full_name"]);                 // renamed through the alias
            Assert.Equal((long)(int)written[i]["loyalty_points"], read["loyalty_points"]); // int promoted to long
            Assert.Equal((double)(float)written[i]["score"], read["score"]);     // float promoted to double
            Assert.Equal("unknown", read["country"]);                            // added later: its default
            Assert.False(((RecordSchema)read.Schema).Contains("legacy_code"));    // removed: skipped
            Assert.Equal(((GenericEnum)written[i]["tier"]).Value, ((GenericEnum)read["tier"]).Value);
        }
        var withEmail = AvroReaders.DecodeGeneric(AvroReaders.Encode(written[1]), V(1).Schema, V(8).Schema);
        Assert.Equal("Email", ((GenericRecord)withEmail["contact"]).Schema.Name);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Older_readers_fill_defaults_for_removed_fields_and_map_unknown_symbols_to_the_enum_default()
    {
        // v1 reading v3 data: legacy_code is gone from the writer, so the reader uses its default "".
        var v3 = CustomerSamples.For(V(3), 1)[0];
        var asV1 = AvroReaders.DecodeGeneric(AvroReaders.Encode(v3), V(3).Schema, V(1).Schema);
        Assert.Equal("", asV1["legacy_code"]);
        Assert.Equal(v3["name"], asV1["name"]);

        // v7 reading v8 data: DIAMOND is unknown to v7, whose Tier has the default BRONZE.
        var diamond = CustomerSamples.For(V(8), 5).Single(r => ((GenericEnum)r["tier"]).Value == "DIAMOND");
        var asV7 = AvroReaders.DecodeGeneric(AvroReaders.Encode(diamond), V(8).Schema, V(7).Schema);
        Assert.Equal("BRONZE", ((GenericEnum)asV7["tier"]).Value);
        output.WriteLine($"v8 DIAMOND read by v7 → {((GenericEnum)asV7["tier"]).Value}; v3 record read by v1 → legacy_code '{asV1["legacy_code"]}'");
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void The_specific_reader_reads_every_version_into_the_latest_generated_class()
    {
        foreach (var version in SchemaHistory.Customer)
        {
            using var file = new MemoryStream();
            var written = CustomerSamples.For(version, 10);
            AvroReaders.WriteContainer(file, version.Schema, written);
            file.Position = 0;
            var customers = AvroReaders.ReadContainerSpecific<Customer>(file);
            Assert.Equal(10, customers.Count);
            for (var i = 0; i < customers.Count; i++)
            {
                var w = written[i];
                Assert.Equal((long)w["id"], customers[i].Id);
                Assert.Equal(w[version.Version >= 4 ? "full_name" : "name"], customers[i].FullName);
                Assert.Equal(((GenericEnum)w["tier"]).Value, customers[i].Tier.ToString());
                switch (w["contact"])
                {
                    case null: Assert.Null(customers[i].Contact); break;
                    case GenericRecord { Schema.Name: "Email" } e: Assert.Equal(e["address"], Assert.IsType<Email>(customers[i].Contact).Address); break;
                    case GenericRecord p: Assert.Equal(p["number"], Assert.IsType<Phone>(customers[i].Contact).Number); break;
                }
                Assert.Equal(version.Version >= 2 ? (string)w["country"] : "unknown", customers[i].Country);
            }
        }
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void A_rename_through_an_alias_needs_the_aliases_applied_first_in_Apache_Avro_1_12()
    {
        var v3 = CustomerSamples.For(V(3), 1)[0];
        var bytes = AvroReaders.Encode(v3);
        // Apache.Avro alone (AVRO-3770): the aliased field is matched, then also treated as missing.
        var raw = new GenericDatumReader<GenericRecord>(V(3).Schema, V(4).Schema);
        using (var input = new MemoryStream(bytes))
            Assert.ThrowsAny<AvroException>(() => raw.Read(null!, new BinaryDecoder(input)));
        // With the reader's aliases applied to the writer schema (as Java's applyAliases does) it resolves.
        var resolved = AvroReaders.DecodeGeneric(bytes, V(3).Schema, V(4).Schema);
        Assert.Equal(v3["name"], resolved["full_name"]);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Apache_Avro_CanRead_accepts_enums_and_unions_that_fail_on_the_data_so_the_registry_uses_the_strict_checker()
    {
        // Library check: any two enums and any two unions "can read" each other.
        Assert.True(V(5).Schema.CanRead(V(6).Schema));
        // The specification's rule: v6's PLATINUM is unknown to v5, whose Tier has no default.
        var problems = AvroCompatibility.Check(V(5).Schema, V(6).Schema);
        var p = Assert.Single(problems);
        Assert.Equal("Customer.tier", p.Path);
        Assert.Equal(IncompatibilityKind.MissingEnumSymbols, p.Kind);
        // And the data proves the strict answer right: a PLATINUM record cannot be read by v5.
        var platinum = CustomerSamples.For(V(6), 4).Single(r => ((GenericEnum)r["tier"]).Value == "PLATINUM");
        var e = Assert.ThrowsAny<AvroException>(() => AvroReaders.DecodeGeneric(AvroReaders.Encode(platinum), V(6).Schema, V(5).Schema));
        output.WriteLine($"CanRead said yes; checker: {p}; reading the data: {e.Message}");
    }
}
