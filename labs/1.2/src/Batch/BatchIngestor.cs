using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Analysis;
using Npgsql;
using NpgsqlTypes;

namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>
/// Loads a sales CSV into PostgreSQL: read in chunks → clean with a DataFrame → binary COPY into temporary
/// staging tables → one <c>INSERT … ON CONFLICT DO NOTHING</c> into the target and the quarantine, all in
/// one transaction with a ledger row. A crash leaves nothing half-loaded; a re-run of the same file adds
/// nothing (idempotent); accepted + rejected = input rows, checked by the code and by the ledger's CHECK.
/// </summary>
public sealed class BatchIngestor(string connectionString, int chunkRows = 50_000)
{
    /// <summary>Called at each <see cref="BatchLoadStage"/>; a test kills the session or throws to simulate a crash.</summary>
    public Func<BatchLoadPoint, CancellationToken, Task>? FaultInjector { get; init; }

    /// <summary>A deliberate mistake to build the loader with (tests only); <see cref="BatchBug.None"/> is the design.</summary>
    public BatchBug Bug { get; init; } = BatchBug.None;

    public async Task<BatchIngestReport> IngestAsync(string csvPath, CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var source = Path.GetFileName(csvPath);
        var sha = await Sha256Async(csvPath, cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await SalesTables.EnsureAsync(connection, cancellationToken);
        var tx = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await CreateStagingAsync(connection, cancellationToken);
            var cleaner = new SalesFrameCleaner();
            long input = 0, accepted = 0, rejected = 0, inserted = 0, quarantined = 0;
            var byKind = Enum.GetValues<RejectKind>().ToDictionary(k => k, _ => 0L);
            var cleaning = TimeSpan.Zero;
            var copying = TimeSpan.Zero;
            var chunkNumber = 0;

            using (var reader = new StreamReader(csvPath, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 20))
            {
                var header = await reader.ReadLineAsync(cancellationToken);
                if (header is null) throw new CsvFormatException(source, 1, "the file is empty; expected the header " + SalesCsv.Header);
                if (header.Trim() != SalesCsv.Header) throw new CsvFormatException(source, 1, $"expected the header '{SalesCsv.Header}', found '{header}'");
                long lineNumber = 1;
                while (true)
                {
                    var numbers = new List<long>(chunkRows);
                    var lines = new List<string>(chunkRows);
                    while (lines.Count < chunkRows && await reader.ReadLineAsync(cancellationToken) is { } line)
                    {
                        numbers.Add(++lineNumber);
                        lines.Add(line);
                    }
                    if (lines.Count == 0) break;

                    var t = Stopwatch.StartNew();
                    var chunk = cleaner.Clean(new RawChunk(numbers, lines));
                    cleaning += t.Elapsed;
                    t.Restart();
                    await CopyAcceptedAsync(connection, "staging_sales", chunk.Accepted, source, cancellationToken);
                    await CopyRejectedAsync(connection, chunk.Rejected, source, cancellationToken);
                    copying += t.Elapsed;

                    input += chunk.InputRows;
                    accepted += chunk.Accepted.Rows.Count;
                    rejected += chunk.Rejected.Count;
                    foreach (var r in chunk.Rejected) byKind[r.Kind]++;
                    chunkNumber++;
                    await InjectAsync(BatchLoadStage.ChunkStaged, chunkNumber, connection, cancellationToken);
                    if (Bug == BatchBug.CommitEachChunk)
                    {
                        var early = await MoveStagingAsync(connection, cancellationToken);
                        (inserted, quarantined) = (inserted + early.Inserted, quarantined + early.Quarantined);
                        await tx.CommitAsync(cancellationToken);
                        await tx.DisposeAsync();
                        tx = await connection.BeginTransactionAsync(cancellationToken);
                        await CreateStagingAsync(connection, cancellationToken);
                    }
                }
            }
            if (accepted + rejected != input)
                throw new InvalidOperationException($"{source}: {input} rows read but {accepted} accepted + {rejected} rejected; refusing to commit.");

            var t2 = Stopwatch.StartNew();
            var moved = await MoveStagingAsync(connection, cancellationToken);
            (inserted, quarantined) = (inserted + moved.Inserted, quarantined + moved.Quarantined);
            await using (var ledger = new NpgsqlCommand("""
                INSERT INTO ingest_runs (source_file, file_sha256, input_rows, accepted, rejected, inserted, started_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, connection))
            {
                foreach (var value in new object[] { source, sha, input, accepted, rejected, inserted, started })
                    ledger.Parameters.Add(new NpgsqlParameter { Value = value });
                await ledger.ExecuteNonQueryAsync(cancellationToken);
            }
            await InjectAsync(BatchLoadStage.MovedNotCommitted, chunkNumber, connection, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            copying += t2.Elapsed;
            return new BatchIngestReport(source, input, accepted, rejected, inserted, quarantined, byKind, total.Elapsed, cleaning, copying);
        }
        finally
        {
            await tx.DisposeAsync(); // not committed: rolled back, staging dropped with it
        }
    }

    /// <summary>
    /// Moves the staged rows into the target tables, inside the load's transaction: rows already present (the same
    /// event id; the same file and line in the quarantine) are left alone, so a re-run of a file inserts nothing.
    /// </summary>
    private static async Task<StagingMove> MoveStagingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        #region Exercise 1.2-1b: move staging into sales_events and quarantine idempotently, so that a re-run inserts nothing, and count what was new (tests: BatchIngestionTests.Every*, BatchIngestionTests.Each*, BatchIngestionTests.Running*, BatchIngestionTests.A_crash*)
        var inserted = await Execute(connection, "INSERT INTO sales_events SELECT * FROM staging_sales ON CONFLICT (event_id) DO NOTHING", cancellationToken);
        var quarantined = await Execute(connection, "INSERT INTO quarantine SELECT * FROM staging_quarantine ON CONFLICT (source_file, line_number) DO NOTHING", cancellationToken);
        return new StagingMove(inserted, quarantined);
        #endregion
    }

    private static Task<int> CreateStagingAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        Execute(connection, """
            CREATE TEMP TABLE staging_sales (LIKE sales_events INCLUDING DEFAULTS) ON COMMIT DROP;
            CREATE TEMP TABLE staging_quarantine (LIKE quarantine INCLUDING DEFAULTS) ON COMMIT DROP;
            """, cancellationToken);

    private Task InjectAsync(BatchLoadStage stage, int chunk, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        FaultInjector?.Invoke(new BatchLoadPoint(stage, chunk, connection.ProcessID), cancellationToken) ?? Task.CompletedTask;

    /// <summary>Binary COPY of a cleaned DataFrame into <paramref name="table"/> (sales_events' columns).</summary>
    public static async Task<ulong> CopyAcceptedAsync(NpgsqlConnection connection, string table, DataFrame accepted, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(accepted);
        var line = (PrimitiveDataFrameColumn<long>)accepted["line"];
        var eventId = (PrimitiveDataFrameColumn<long>)accepted["event_id"];
        var customerId = (PrimitiveDataFrameColumn<long>)accepted["customer_id"];
        var eventTime = (PrimitiveDataFrameColumn<DateTime>)accepted["event_time"];
        var product = (StringDataFrameColumn)accepted["product"];
        var quantity = (PrimitiveDataFrameColumn<int>)accepted["quantity"];
        var unitPrice = (PrimitiveDataFrameColumn<decimal>)accepted["unit_price"];
        var currency = (StringDataFrameColumn)accepted["currency"];
        var country = (StringDataFrameColumn)accepted["country"];
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {table} (event_id, customer_id, event_time, product, quantity, unit_price, currency, country, source_file, source_line) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (long i = 0; i < accepted.Rows.Count; i++)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(eventId[i]!.Value, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(customerId[i]!.Value, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(DateTime.SpecifyKind(eventTime[i]!.Value, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(product[i]!, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(quantity[i]!.Value, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(unitPrice[i]!.Value, NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync(currency[i]!, NpgsqlDbType.Char, cancellationToken);
            await copy.WriteAsync(country[i]!, NpgsqlDbType.Char, cancellationToken);
            await copy.WriteAsync(source, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line[i]!.Value, NpgsqlDbType.Bigint, cancellationToken);
        }
        return await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyRejectedAsync(NpgsqlConnection connection, IReadOnlyList<RejectedRow> rejected, string source, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY staging_quarantine (source_file, line_number, kind, reason, raw_line) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var r in rejected)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(source, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.LineNumber, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(r.Kind.ToString(), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.Reason, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.RawLine, NpgsqlDbType.Text, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
