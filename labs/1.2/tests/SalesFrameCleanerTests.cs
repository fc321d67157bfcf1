using StatelessMind.Labs.Lifecycle.Batch;

namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>1.2-1a: the DataFrame cleaner alone (no database): checks as boolean columns, the first failing reason, duplicates.</summary>
public sealed class SalesFrameCleanerTests(ITestOutputHelper output)
{
    private static RawChunk Chunk(long firstLine, params string[] lines) =>
        new([.. Enumerable.Range(0, lines.Length).Select(i => firstLine + i)], lines);

    [Fact]
    [Goal("1.2-1")]
    public void The_cleaner_normalises_harmless_noise_and_rejects_each_kind_of_dirt_with_its_reason()
    {
        var chunk = new SalesFrameCleaner().Clean(Chunk(2,
            "1,10,2025-03-01T10:00:00Z,\"Mug, ceramic\",2,4.50, eur,nl",     // accepted: padding and case are normalised
            "2,11,2025-02-30T10:00:00Z,Lamp,1,10.00,EUR,DE",                 // impossible date
            "3,,2025-03-01T10:00:00Z,Lamp,1,10.00,EUR,DE",                   // missing customer
            "4,12,2025-03-01T10:00:00Z,Lamp,three,10.00,EUR,DE",             // wrong type
            "5,13,2025-03-01T10:00:00Z,Lamp,0,10.00,EUR,DE",                 // out of range
            "6,14,2025-03-01T10:00:00Z,Lamp",                                // truncated
            "1,10,2025-03-01T10:00:00Z,\"Mug, ceramic\",2,4.50, eur,nl",     // duplicate of line 2
            "7,15,2025-03-01T10:00:00Z,\"Lamp \"\"Luxo\"\"\",1,10.00,usd,FR")); // accepted: escaped quotes

        Assert.Equal(2, chunk.Accepted.Rows.Count);
        Assert.Equal("EUR", chunk.Accepted["currency"][0]);
        Assert.Equal("NL", chunk.Accepted["country"][0]);
        Assert.Equal("Mug, ceramic", chunk.Accepted["product"][0]);
        Assert.Equal("Lamp \"Luxo\"", chunk.Accepted["product"][1]);
        Assert.Equal(4.50m, chunk.Accepted["unit_price"][0]);
        Assert.Equal(
            [
                (3L, RejectKind.BadDate, "event_time: '2025-02-30T10:00:00Z' is not an ISO-8601 timestamp"),
                (4L, RejectKind.MissingField, "customer_id: missing"),
                (5L, RejectKind.WrongType, "quantity: 'three' is not an integer"),
                (6L, RejectKind.OutOfRange, "quantity: 0 is outside 1 … 1000"),
                (7L, RejectKind.MalformedRow, "expected 8 fields, found 4"),
                (8L, RejectKind.Duplicate, "event_id 1 duplicates line 2"),
            ],
            chunk.Rejected.Select(r => (r.LineNumber, r.Kind, r.Reason)));
    }

    [Fact]
    [Goal("1.2-1")]
    public void A_row_with_several_faults_is_rejected_for_the_first_check_in_order()
    {
        var chunk = new SalesFrameCleaner().Clean(Chunk(2,
            "1,,2025-02-30T10:00:00Z,Lamp,three,-1.00,EUR,DE",   // missing field before a bad date, a wrong type and a negative price
            "2,11,31/12/2025 10:00,Lamp,1,-1.00,EUR,DE",        // a bad date before a negative price
            "3,12,2025-03-01T10:00:00Z,Lamp,0,12,50,EUR,DE",    // 9 fields: malformed before anything else
            "4,13,2025-03-01T10:00:00Z,Lamp,2000,N/A,EUR,DE",   // a wrong type before an out-of-range quantity
            "5,14,2025-03-01T10:00:00Z,Lamp,1,-4.99,EUR,DEU")); // a 3-letter country (wrong type) before a negative price

        Assert.Equal(0, chunk.Accepted.Rows.Count);
        Assert.Equal(
            [
                (2L, RejectKind.MissingField, "customer_id: missing"),
                (3L, RejectKind.BadDate, "event_time: '31/12/2025 10:00' is not an ISO-8601 timestamp"),
                (4L, RejectKind.MalformedRow, "expected 8 fields, found 9"),
                (5L, RejectKind.WrongType, "unit_price: 'N/A' is not a decimal number"),
                (6L, RejectKind.WrongType, "country: 'DEU' is not a 2-letter code"),
            ],
            chunk.Rejected.Select(r => (r.LineNumber, r.Kind, r.Reason)));
    }

    [Fact]
    [Goal("1.2-1")]
    public void The_first_accepted_occurrence_of_an_event_id_wins_across_chunks()
    {
        var cleaner = new SalesFrameCleaner();
        var first = cleaner.Clean(Chunk(2,
            "9,10,2025-03-01T10:00:00Z,Lamp,0,10.00,EUR,DE",    // rejected (quantity 0): does not claim event 9
            "5,10,2025-03-01T10:00:00Z,Lamp,1,10.00,EUR,DE"));  // accepted: claims event 5 at line 3
        var second = cleaner.Clean(Chunk(50,
            "5,11,2025-03-02T10:00:00Z,Mug,2,3.00,EUR,NL",      // event 5 again, in a later chunk
            "9,10,2025-03-01T10:00:00Z,Lamp,1,10.00,EUR,DE"));  // event 9's first acceptable row: accepted

        Assert.Equal([5L], first.Accepted["event_id"].Cast<long?>().Select(v => v!.Value));
        Assert.Equal([9L], second.Accepted["event_id"].Cast<long?>().Select(v => v!.Value));
        var duplicate = Assert.Single(second.Rejected);
        Assert.Equal((50L, RejectKind.Duplicate, "event_id 5 duplicates line 3"), (duplicate.LineNumber, duplicate.Kind, duplicate.Reason));
    }

    [Fact]
    [Goal("1.2-1")]
    public void Every_generated_row_is_accepted_or_rejected_under_the_kind_the_generator_injected()
    {
        var dir = Directory.CreateTempSubdirectory("sm-cleaner-");
        try
        {
            var manifest = DirtyCsvGenerator.Write(Path.Combine(dir.FullName, "sales.csv"), 6_000, seed: 31);
            var lines = File.ReadAllLines(manifest.Path).Skip(1).ToList();
            var cleaner = new SalesFrameCleaner();
            var byKind = Enum.GetValues<RejectKind>().ToDictionary(k => k, _ => 0L);
            long accepted = 0;
            foreach (var part in lines.Select((text, i) => (Line: i + 2L, text)).Chunk(1_500))
            {
                var chunk = cleaner.Clean(new RawChunk([.. part.Select(p => p.Line)], [.. part.Select(p => p.text)]));
                accepted += chunk.Accepted.Rows.Count;
                foreach (var r in chunk.Rejected)
                {
                    Assert.Equal(manifest.DirtyLines[r.LineNumber], r.Kind);
                    byKind[r.Kind]++;
                }
            }
            Assert.Equal(manifest.CleanRows, accepted);
            foreach (var kind in Enum.GetValues<RejectKind>()) Assert.Equal(manifest.Count(kind), byKind[kind]);
            output.WriteLine($"{lines.Count} rows: {accepted} accepted, {string.Join(", ", byKind.Select(k => $"{k.Key} {k.Value}"))}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
