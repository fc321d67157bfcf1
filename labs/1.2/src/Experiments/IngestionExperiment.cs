using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Measurement;
using StatelessMind.Labs.Lifecycle.Batch;
using StatelessMind.Labs.Lifecycle.Protos;
using StatelessMind.Labs.Lifecycle.Streaming;

namespace StatelessMind.Labs.Lifecycle.Experiments;

/// <summary>
/// 1.2-1: the same sales events ingested as a batch (dirty CSV → DataFrame cleaning → binary COPY) and as
/// a Kafka stream (idempotent producer → consumer group → PostgreSQL, exactly once). Measures the batch
/// pipeline, COPY against row-by-row INSERT on the same rows, and the stream's throughput and
/// produce-to-visible latency.
/// </summary>
public sealed class IngestionExperiment : IExperiment
{
    public string GoalId => "1.2-1";
    public string Title => "Batch (DataFrame + COPY) and streaming (Kafka, exactly once) ingestion into PostgreSQL";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var csvRows = context.Size(20_000L, 2_000_000L);
        var sideBySideRows = context.Size(3_000, 100_000);
        var burstEvents = context.Size(3_000, 100_000);
        var pacedRate = context.Size(500, 2_000);
        var pacedSeconds = context.Size(2, 10);
        var b = new FindingBuilder(GoalId, Title);
        string summary;
        double copyRate, insertRate;

        var postgres = await context.Services.PostgresAsync(cancellationToken);
        var kafka = await context.Services.KafkaAsync(cancellationToken);
        var db = await postgres.CreateDatabaseAsync("ingest", cancellationToken);
        var work = Directory.CreateTempSubdirectory("sm-ingest-");
        try
        {
            // 1. Batch: generate, load, load again.
            context.Report(0.02, $"generating a dirty CSV of {csvRows:N0} rows");
            var manifest = DirtyCsvGenerator.Write(Path.Combine(work.FullName, "sales.csv"), csvRows, context.Seed);
            context.Report(0.1, "batch load: DataFrame cleaning + binary COPY");
            var ingestor = new BatchIngestor(db);
            var first = await ingestor.IngestAsync(manifest.Path, cancellationToken);
            context.Report(0.35, "batch load again (idempotency)");
            var second = await ingestor.IngestAsync(manifest.Path, cancellationToken);
            b.Figure("batch pipeline throughput", first.RowsPerSecond, "rows/s", key: true)
             .Figure("batch end-to-end latency (file ready → all rows visible)", first.Elapsed.TotalSeconds, "s")
             .Figure("rows quarantined", first.Rejected, "rows")
             .Table(FindingTable.Of($"Batch load of {csvRows:N0} CSV rows ({new FileInfo(manifest.Path).Length / 1e6:0.0} MB)",
                 ["run", "input", "accepted", "rejected", "inserted", "already present", "cleaning s", "COPY + insert s", "total s"],
                 new[] { first, second }.Select((r, i) => new object?[] { i + 1, r.InputRows, r.Accepted, r.Rejected, r.Inserted, r.AlreadyPresent, r.CleaningTime.TotalSeconds, r.CopyTime.TotalSeconds, r.Elapsed.TotalSeconds })))
             .Table(FindingTable.Of("Quarantined rows by reason (each with its line number in the quarantine table)", ["reason", "rows", "injected by the generator"],
                 Enum.GetValues<RejectKind>().Select(k => new object?[] { k, first.RejectsByKind[k], manifest.Count(k) })))
             .Check(first.Accepted + first.Rejected == first.InputRows && first.InputRows == csvRows, "accepted + rejected = input rows")
             .Check(Enum.GetValues<RejectKind>().All(k => first.RejectsByKind[k] == manifest.Count(k)), "every injected defect was quarantined under its own reason")
             .Check(second.Inserted == 0 && second.Accepted == first.Accepted, "a re-run of the same file inserts nothing (idempotent)");

            // 2. COPY against row-by-row INSERT on the same rows.
            context.Report(0.5, $"COPY vs row-by-row INSERT on {sideBySideRows:N0} rows");
            await using (var conn = new NpgsqlConnection(db))
            {
                await conn.OpenAsync(cancellationToken);
                var rows = await LoadMethods.ReadAsync(conn, sideBySideRows, cancellationToken);
                await LoadMethods.CreateTargetAsync(conn, "copy_target", cancellationToken);
                await LoadMethods.CreateTargetAsync(conn, "insert_target", cancellationToken);
                var copy = Stopwatch.StartNew();
                await LoadMethods.CopyAsync(conn, "copy_target", rows, cancellationToken);
                copy.Stop();
                var insert = Stopwatch.StartNew();
                await LoadMethods.InsertRowByRowAsync(conn, "insert_target", rows, cancellationToken);
                insert.Stop();
                await using var same = new NpgsqlCommand("SELECT (SELECT count(*) FROM (SELECT * FROM copy_target EXCEPT SELECT * FROM insert_target) d) + (SELECT count(*) FROM (SELECT * FROM insert_target EXCEPT SELECT * FROM copy_target) d)", conn);
                var differences = (long)(await same.ExecuteScalarAsync(cancellationToken))!;
                copyRate = rows.Count / copy.Elapsed.TotalSeconds;
                insertRate = rows.Count / insert.Elapsed.TotalSeconds;
                var ratio = copyRate / insertRate;
                b.Figure("COPY vs row-by-row INSERT", ratio, "× faster", key: true, target: "≥ 10×")
                 .Figure("binary COPY", copyRate, "rows/s")
                 .Figure("row-by-row INSERT (prepared, one transaction)", insertRate, "rows/s")
                 .Table(FindingTable.Of($"Loading the same {rows.Count:N0} rows", ["method", "seconds", "rows/s"],
                     [["binary COPY", copy.Elapsed.TotalSeconds, copyRate], ["row-by-row INSERT", insert.Elapsed.TotalSeconds, insertRate]]))
                 .Check(differences == 0 && rows.Count == sideBySideRows, "COPY and INSERT loaded identical tables");
                if (context.Scale == Scale.Full) b.Check(ratio >= 10, $"COPY is at least 10× faster than row-by-row INSERT (measured {ratio:0.0}×)");
                else b.Note($"COPY/INSERT ratio at small scale: {ratio:0.0}× (the ≥ 10× target is checked at full scale).");
            }

            // 3. Streaming: the first accepted events of the batch, through Kafka into PostgreSQL.
            context.Report(0.65, $"streaming {burstEvents:N0} events through {kafka.Description}");
            List<SaleEvent> events;
            await using (var conn = new NpgsqlConnection(db))
            {
                await conn.OpenAsync(cancellationToken);
                events = (await LoadMethods.ReadAsync(conn, burstEvents, cancellationToken)).Select(ToEvent).ToList();
            }
            var burst = await StreamAsync(kafka.BootstrapServers, db, events, ratePerSecond: null, cancellationToken);
            context.Report(0.85, $"paced stream at {pacedRate:N0} events/s for {pacedSeconds} s (latency)");
            var pacedEvents = SaleEvents.Generate(pacedRate * pacedSeconds, context.Seed, firstEventId: 50_000_000);
            var paced = await StreamAsync(kafka.BootstrapServers, db, pacedEvents, pacedRate, cancellationToken);

            b.Figure("stream throughput (burst)", burst.Throughput.PerSecond, "events/s", key: true)
             .Figure("stream latency p50 (paced)", paced.Latency.P50Ms, "ms", key: true)
             .Figure("stream latency p99 (paced)", paced.Latency.P99Ms, "ms", key: true)
             .Table(FindingTable.Of("Streaming into PostgreSQL (produce → row committed)", ["run", "events", "events/s", "p50 ms", "p99 ms", "max ms", "sink"],
                 [
                     ["burst (as fast as possible)", events.Count, burst.Throughput.PerSecond, burst.Latency.P50Ms, burst.Latency.P99Ms, burst.Latency.MaxMs, burst.Statistics],
                     [$"paced at {pacedRate:N0}/s", pacedEvents.Count, paced.Throughput.PerSecond, paced.Latency.P50Ms, paced.Latency.P99Ms, paced.Latency.MaxMs, paced.Statistics],
                 ]))
             .Table(FindingTable.Of("Batch vs stream", ["path", "throughput (rows/s)", "latency until visible"],
                 [
                     ["batch: CSV → DataFrame → COPY", first.RowsPerSecond, $"{first.Elapsed.TotalSeconds:0.0} s for every row (visible at commit)"],
                     ["stream: Kafka → sink → PostgreSQL", burst.Throughput.PerSecond, $"p50 {paced.Latency.P50Ms:0.0} ms, p99 {paced.Latency.P99Ms:0.0} ms per event"],
                 ]))
             .Check(burst.ExactlyOnce && paced.ExactlyOnce, "every streamed event has exactly one row and the running totals equal the event sums");

            var totalsMismatch = await CountAsync(db, """
                SELECT count(*) FROM customer_totals t
                FULL JOIN (SELECT customer_id, count(*) AS e, sum(quantity * unit_price_cents) AS a FROM stream_sales GROUP BY customer_id) s USING (customer_id)
                WHERE t.events IS DISTINCT FROM s.e OR t.amount_cents IS DISTINCT FROM s.a
                """, cancellationToken);
            b.Check(totalsMismatch == 0, "the non-idempotent running totals per customer equal the sums over the stored events (nothing applied twice)");

            var plot = new ScottPlot.Plot();
            var labels = new[] { "batch pipeline", "binary COPY", "row-by-row INSERT", "Kafka stream" };
            var rates = new[] { first.RowsPerSecond, copyRate, insertRate, burst.Throughput.PerSecond };
            plot.Add.Bars(rates);
            plot.Axes.Bottom.SetTicks([0, 1, 2, 3], labels);
            plot.YLabel("rows per second");
            plot.Title("Ingestion throughput into PostgreSQL");
            b.Plot(context.SavePlot(plot, "ingestion-throughput.png", "Rows per second: whole batch pipeline, COPY and INSERT on the same rows, Kafka stream"));
            summary = $"Batch: {first.InputRows:N0} rows in {first.Elapsed.TotalSeconds:0.0} s ({first.RowsPerSecond:N0} rows/s), {first.Rejected:N0} quarantined, re-run inserted {second.Inserted}; " +
                      $"COPY {copyRate / insertRate:0.0}× row-by-row INSERT; stream {burst.Throughput.PerSecond:N0} events/s, p50 {paced.Latency.P50Ms:0.0} ms / p99 {paced.Latency.P99Ms:0.0} ms at {pacedRate:N0}/s.";
            b.Note($"Kafka: {kafka.Description}. PostgreSQL: {postgres.Description}.");
        }
        finally
        {
            work.Delete(recursive: true);
        }
        context.Report(1, "done");
        return b.Build(summary);
    }

    private static SaleEvent ToEvent(SaleRow row) => new()
    {
        EventId = row.EventId,
        CustomerId = row.CustomerId,
        EventTimeUnixMs = new DateTimeOffset(DateTime.SpecifyKind(row.EventTime, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
        Product = row.Product,
        Quantity = row.Quantity,
        UnitPriceCents = (long)(row.UnitPrice * 100),
        Currency = row.Currency,
        Country = row.Country,
    };

    private sealed record StreamResult(Throughput Throughput, LatencySummary Latency, SinkStatistics Statistics, bool ExactlyOnce);

    /// <summary>Produces the events (as fast as possible, or paced) while one sink applies them; measures until the last row is visible.</summary>
    private static async Task<StreamResult> StreamAsync(string bootstrap, string db, IReadOnlyList<SaleEvent> events, int? ratePerSecond, CancellationToken cancellationToken)
    {
        var topic = $"sales-{Guid.NewGuid():N}";
        var latency = new LatencyRecorder();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sink = new KafkaPostgresSink(new SinkOptions
        {
            BootstrapServers = bootstrap, ConnectionString = db, Topic = topic, GroupId = "experiment-" + topic,
            Name = "experiment", Latency = latency, MaxBatchSize = 1_000, MaxBatchWait = TimeSpan.FromMilliseconds(5),
        });
        StreamTables.Ensure(db);
        var before = await CountAsync(db, "SELECT count(*) FROM stream_sales", cancellationToken);
        using (var producer = new SaleEventProducer(bootstrap, topic))
        {
            // Warm-up: the first event creates the topic; once the sink has joined the group and applied
            // it, the clock starts (joining a consumer group takes seconds and is not ingestion time).
            producer.Send(events[0]);
            producer.Flush(TimeSpan.FromSeconds(30));
            var running = sink.RunAsync(stop.Token);
            var joinDeadline = DateTime.UtcNow.AddMinutes(1);
            while (sink.Statistics.Applied < 1 && DateTime.UtcNow < joinDeadline && !running.IsCompleted)
                await Task.Delay(10, cancellationToken);
            latency.Reset();
            var start = Stopwatch.GetTimestamp();
            var paceStart = Stopwatch.GetTimestamp();
            var sent = 1;
            while (sent < events.Count)
            {
                // Paced: send whatever is due by now, then wait a millisecond (no busy spinning).
                var due = ratePerSecond is { } rate
                    ? Math.Min(events.Count, 1 + (int)(Stopwatch.GetElapsedTime(paceStart).TotalSeconds * rate))
                    : events.Count;
                for (; sent < due; sent++) producer.Send(events[sent]);
                if (sent < events.Count) await Task.Delay(1, cancellationToken);
            }
            producer.Flush(TimeSpan.FromSeconds(60));
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (sink.Statistics.Applied < events.Count && DateTime.UtcNow < deadline && !running.IsCompleted)
                await Task.Delay(5, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(start);
            await stop.CancelAsync();
            await running;
            var after = await CountAsync(db, "SELECT count(*) FROM stream_sales", cancellationToken);
            var exact = after - before == events.Count && sink.Statistics.Applied == events.Count && sink.Statistics.DeadLettered == 0;
            return new StreamResult(new Throughput(sink.Statistics.Applied - 1, elapsed), latency.Summarize(), sink.Statistics, exact);
        }
    }

    private static async Task<long> CountAsync(string db, string sql, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }
}
