using Npgsql;
using StatelessMind.Labs.Lifecycle.Batch;

namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>1.2-1, batch: a dirty CSV cleaned with a DataFrame and loaded with binary COPY into real PostgreSQL.</summary>
public sealed class BatchIngestionTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IDisposable
{
    private const int Seed = 1205;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sm-batch-");

    public void Dispose() => _dir.Delete(recursive: true);

    private DirtyCsvManifest Generate(long rows, string name = "sales.csv") => DirtyCsvGenerator.Write(Path.Combine(_dir.FullName, name), rows, Seed);

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task Every_input_row_is_loaded_or_quarantined_and_the_counts_match_the_injected_dirt()
    {
        var manifest = Generate(30_000);
        var db = await postgres.CreateDatabaseAsync("batch");

        var report = await new BatchIngestor(db, chunkRows: 7_000).IngestAsync(manifest.Path);

        Assert.Equal(manifest.DataRows, report.InputRows);
        Assert.Equal(report.InputRows, report.Accepted + report.Rejected);
        Assert.Equal(manifest.CleanRows, report.Accepted);
        foreach (var kind in Enum.GetValues<RejectKind>())
            Assert.Equal(manifest.Count(kind), report.RejectsByKind[kind]);
        Assert.Equal(report.Accepted, await ScalarAsync(db, "SELECT count(*) FROM sales_events"));
        Assert.Equal(report.Rejected, await ScalarAsync(db, "SELECT count(*) FROM quarantine"));
        Assert.Equal(1, await ScalarAsync(db, "SELECT count(*) FROM ingest_runs WHERE accepted + rejected = input_rows"));
        output.WriteLine($"{report.InputRows:N0} rows: {report.Accepted:N0} loaded, {report.Rejected:N0} quarantined " +
                         $"({string.Join(", ", report.RejectsByKind.Where(k => k.Value > 0).Select(k => $"{k.Key} {k.Value}"))}) in {report.Elapsed.TotalSeconds:0.00} s (cleaning {report.CleaningTime.TotalSeconds:0.00} s, COPY {report.CopyTime.TotalSeconds:0.00} s)");
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task Each_quarantined_row_carries_its_own_line_number_kind_and_a_reason_naming_the_field()
    {
        var manifest = Generate(10_000);
        var db = await postgres.CreateDatabaseAsync("batch");
        await new BatchIngestor(db).IngestAsync(manifest.Path);

        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT line_number, kind, reason, raw_line FROM quarantine ORDER BY line_number", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var fileLines = await File.ReadAllLinesAsync(manifest.Path);
        var seen = 0;
        while (await reader.ReadAsync())
        {
            var line = reader.GetInt64(0);
            var kind = Enum.Parse<RejectKind>(reader.GetString(1));
            Assert.Equal(manifest.DirtyLines[line], kind);                      // the generator put exactly this dirt on this line
            Assert.Equal(fileLines[line - 1], reader.GetString(3));             // the raw text of that very line
            var reason = reader.GetString(2);
            Assert.Matches(kind switch
            {
                RejectKind.BadDate => "^event_time: '.*' is not an ISO-8601 timestamp$",
                RejectKind.MissingField => "^(customer_id|currency): missing$",
                RejectKind.WrongType => "^(quantity|unit_price): '.*' is not (an integer|a decimal number)$",
                RejectKind.OutOfRange => "^(quantity: 0 is outside|unit_price: -4.99 is negative)",
                RejectKind.MalformedRow => "^expected 8 fields, found [3-6]$",
                RejectKind.Duplicate => "^event_id [0-9]+ duplicates line [0-9]+$",
                _ => "^$",
            }, reason);
            seen++;
        }
        Assert.Equal(manifest.DirtyLines.Count, seen);
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task Running_the_same_file_again_adds_no_rows()
    {
        var manifest = Generate(12_000);
        var db = await postgres.CreateDatabaseAsync("batch");
        var ingestor = new BatchIngestor(db);

        var first = await ingestor.IngestAsync(manifest.Path);
        var second = await ingestor.IngestAsync(manifest.Path);

        Assert.Equal(first.Accepted, first.Inserted);
        Assert.Equal(first.Accepted, second.Accepted);   // the same classification …
        Assert.Equal(0, second.Inserted);                // … and nothing new in the table
        Assert.Equal(0, second.QuarantineInserted);
        Assert.Equal(first.Accepted, await ScalarAsync(db, "SELECT count(*) FROM sales_events"));
        Assert.Equal(first.Rejected, await ScalarAsync(db, "SELECT count(*) FROM quarantine"));
        Assert.Equal(2, await ScalarAsync(db, "SELECT count(*) FROM ingest_runs"));
        output.WriteLine($"run 1 inserted {first.Inserted:N0}; run 2 inserted {second.Inserted:N0}, already present {second.AlreadyPresent:N0}");
    }

    [Fact]
    [Goal("1.2-1")]
    public void The_cleaner_normalises_harmless_noise_and_rejects_each_kind_of_dirt_with_its_reason()
    {
        var lines = new[]
        {
            "1,10,2025-03-01T10:00:00Z,\"Mug, ceramic\",2,4.50, eur,nl",     // accepted: padding and case are normalised
            "2,11,2025-02-30T10:00:00Z,Lamp,1,10.00,EUR,DE",                 // impossible date
            "3,,2025-03-01T10:00:00Z,Lamp,1,10.00,EUR,DE",                   // missing customer
            "4,12,2025-03-01T10:00:00Z,Lamp,three,10.00,EUR,DE",             // wrong type
            "5,13,2025-03-01T10:00:00Z,Lamp,0,10.00,EUR,DE",                 // out of range
            "6,14,2025-03-01T10:00:00Z,Lamp",                                // truncated
            "1,10,2025-03-01T10:00:00Z,\"Mug, ceramic\",2,4.50, eur,nl",     // duplicate of line 2
            "7,15,2025-03-01T10:00:00Z,\"Lamp \"\"Luxo\"\"\",1,10.00,usd,FR", // accepted: escaped quotes
        };
        var chunk = new SalesFrameCleaner().Clean(new RawChunk([.. Enumerable.Range(2, lines.Length).Select(i => (long)i)], lines));

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
    public async Task A_file_with_the_wrong_header_is_refused_naming_the_file_and_line_and_nothing_is_loaded()
    {
        var path = Path.Combine(_dir.FullName, "wrong.csv");
        await File.WriteAllLinesAsync(path, ["id,customer,when", "1,2,2025-01-01T00:00:00Z"]);
        var db = await postgres.CreateDatabaseAsync("batch");

        var e = await Assert.ThrowsAsync<CsvFormatException>(() => new BatchIngestor(db).IngestAsync(path));

        Assert.StartsWith("wrong.csv:1: expected the header 'event_id,customer_id,", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM sales_events"));
        Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM ingest_runs"));
    }
}
