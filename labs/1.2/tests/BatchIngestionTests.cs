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

    private static Task<long> CountAsync(string db, string table) => Sql.ScalarAsync<long>(db, $"SELECT count(*) FROM {table}");

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
        Assert.Equal(report.Accepted, await CountAsync(db, "sales_events"));
        Assert.Equal(report.Rejected, await CountAsync(db, "quarantine"));
        Assert.Equal(1, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM ingest_runs WHERE accepted + rejected = input_rows"));
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
        Assert.Equal(first.Accepted, await CountAsync(db, "sales_events"));
        Assert.Equal(first.Rejected, await CountAsync(db, "quarantine"));
        Assert.Equal(2, await CountAsync(db, "ingest_runs"));
        output.WriteLine($"run 1 inserted {first.Inserted:N0}; run 2 inserted {second.Inserted:N0}, already present {second.AlreadyPresent:N0}");
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
        Assert.Equal(0, await CountAsync(db, "sales_events"));
        Assert.Equal(0, await CountAsync(db, "ingest_runs"));
    }

    /// <summary>Kills the load's PostgreSQL session at <paramref name="stage"/> (chunk 3 of 5 when staging), as a crash of the
    /// loading process would end it; returns what the load threw.</summary>
    private static async Task<Exception> CrashLoadAsync(string db, string csv, BatchLoadStage stage, BatchBug bug = BatchBug.None)
    {
        var ingestor = new BatchIngestor(db, chunkRows: 6_000)
        {
            Bug = bug,
            FaultInjector = async (point, ct) =>
            {
                if (point.Stage != stage || (stage == BatchLoadStage.ChunkStaged && point.Chunk != 3)) return;
                Assert.True(await Sql.ScalarAsync<bool>(db, "SELECT pg_terminate_backend($1, 10000)", ct, point.BackendProcessId));
            },
        };
        return await Assert.ThrowsAnyAsync<NpgsqlException>(() => ingestor.IngestAsync(csv));
    }

    /// <summary>What a crashed load left behind in the target tables and the ledger; null when it left nothing.</summary>
    private static async Task<string?> LeftoversAsync(string db)
    {
        var (sales, quarantine, runs) = (await CountAsync(db, "sales_events"), await CountAsync(db, "quarantine"), await CountAsync(db, "ingest_runs"));
        return sales + quarantine + runs == 0 ? null : $"{sales} sales rows, {quarantine} quarantined rows and {runs} ledger rows survived the crash";
    }

    [Theory]
    [Goal("1.2-1")]
    [InlineData(BatchLoadStage.ChunkStaged)]
    [InlineData(BatchLoadStage.MovedNotCommitted)]
    public async Task A_crash_in_the_middle_of_the_load_leaves_nothing_half_loaded_and_a_rerun_loads_everything(BatchLoadStage stage)
    {
        var manifest = Generate(30_000);
        var db = await postgres.CreateDatabaseAsync("batch");

        var crash = await CrashLoadAsync(db, manifest.Path, stage);

        Assert.Null(await LeftoversAsync(db));
        var rerun = await new BatchIngestor(db, chunkRows: 6_000).IngestAsync(manifest.Path);
        Assert.Equal(manifest.CleanRows, rerun.Inserted);
        Assert.Equal(manifest.CleanRows, await CountAsync(db, "sales_events"));
        Assert.Equal(manifest.DirtyLines.Count, await CountAsync(db, "quarantine"));
        output.WriteLine($"session killed at {stage}: {crash.GetType().Name}: {crash.Message.Split('\n')[0]}; nothing was left; the re-run inserted {rerun.Inserted:N0}");
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task Planted_bug_a_loader_that_commits_each_chunk_is_caught_half_loaded_after_the_crash()
    {
        var manifest = Generate(30_000);
        var db = await postgres.CreateDatabaseAsync("batch");

        await CrashLoadAsync(db, manifest.Path, BatchLoadStage.ChunkStaged, BatchBug.CommitEachChunk);

        var leftovers = await LeftoversAsync(db);
        Assert.NotNull(leftovers);
        var sales = await CountAsync(db, "sales_events");
        Assert.InRange(sales, 1, manifest.CleanRows - 1); // chunks 1 and 2 of 5 were committed: half-loaded
        output.WriteLine($"with {nameof(BatchBug.CommitEachChunk)} the crash check fails as it must: {leftovers}");
    }
}
