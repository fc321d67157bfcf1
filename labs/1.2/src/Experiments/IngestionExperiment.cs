using System.Diagnostics;
using System.Globalization;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;
using StatelessMind.Harness.Measurement;
using StatelessMind.Labs.Lifecycle.Batch;
using StatelessMind.Labs.Lifecycle.Protos;
using StatelessMind.Labs.Lifecycle.Streaming;

namespace StatelessMind.Labs.Lifecycle.Experiments;

/// <summary>
/// 1.2-1: the same sales events ingested as a batch (dirty CSV → DataFrame cleaning → binary COPY) and as
/// a Kafka stream (idempotent producer → consumer group → PostgreSQL, exactly once). Measures the batch
/// pipeline, COPY against row-by-row INSERT on the same rows, the stream's throughput and produce-to-visible
/// latency, and audits the stream's exactly-once effect with the faults on (crashes on both sides of the COMMIT,
/// a rebalance, poison and duplicate events).
/// </summary>
public sealed class IngestionExperiment : IExperiment
{
    /// <summary>How many times COPY and row-by-row INSERT each load the same rows; the fastest run of each is compared.</summary>
    private const int LoadRepetitions = 3;

    public string GoalId => "1.2-1";
    public string Title => "Batch (DataFrame + COPY) and streaming (Kafka, exactly once) ingestion into PostgreSQL";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var csvRows = context.Size(20_000L, 2_000_000L);
        var sideBySideRows = context.Size(5_000, 100_000);
        var burstEvents = context.Size(3_000, 100_000);
        var pacedRate = context.Size(500, 2_000);
        var pacedSeconds = context.Size(2, 10);
        var faultEvents = context.Size(1_200, 20_000);
        var warnings = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Log(string line) => warnings.Enqueue(line);
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

            // 2. COPY against row-by-row INSERT on the same rows (after an untimed warm-up of both, so JIT and plan caching are not timed).
            context.Report(0.5, $"COPY vs row-by-row INSERT on {sideBySideRows:N0} rows");
            await using (var conn = new NpgsqlConnection(db))
            {
                await conn.OpenAsync(cancellationToken);
                var rows = await LoadMethods.ReadAsync(conn, sideBySideRows, cancellationToken);
                await LoadMethods.CreateTargetAsync(conn, "warmup_target", cancellationToken);
                await LoadMethods.CopyAsync(conn, "warmup_target", rows.Take(200).ToList(), cancellationToken);
                await LoadMethods.CreateTargetAsync(conn, "warmup_target", cancellationToken);
                await LoadMethods.InsertRowByRowAsync(conn, "warmup_target", rows.Take(200).ToList(), cancellationToken);
                // Each method runs LoadRepetitions times, alternating, into fresh tables; the fastest run of each is
                // compared, so that a moment of contention from another process on the machine is not charged to one side.
                var copyTimes = new List<TimeSpan>();
                var insertTimes = new List<TimeSpan>();
                for (var repetition = 0; repetition < LoadRepetitions; repetition++)
                {
                    await LoadMethods.CreateTargetAsync(conn, "copy_target", cancellationToken);
                    await LoadMethods.CreateTargetAsync(conn, "insert_target", cancellationToken);
                    var timer = Stopwatch.StartNew();
                    await LoadMethods.CopyAsync(conn, "copy_target", rows, cancellationToken);
                    copyTimes.Add(timer.Elapsed);
                    timer.Restart();
                    await LoadMethods.InsertRowByRowAsync(conn, "insert_target", rows, cancellationToken);
                    insertTimes.Add(timer.Elapsed);
                }
                var copy = (Elapsed: copyTimes.Min(), Runs: copyTimes);
                var insert = (Elapsed: insertTimes.Min(), Runs: insertTimes);
                var differences = await Sql.ScalarAsync<long>(conn,
                    "SELECT (SELECT count(*) FROM (SELECT * FROM copy_target EXCEPT SELECT * FROM insert_target) d) + (SELECT count(*) FROM (SELECT * FROM insert_target EXCEPT SELECT * FROM copy_target) d)",
                    cancellationToken);
                copyRate = rows.Count / copy.Elapsed.TotalSeconds;
                insertRate = rows.Count / insert.Elapsed.TotalSeconds;
                var ratio = copyRate / insertRate;
                b.Figure("COPY vs row-by-row INSERT", ratio, "× faster", key: true, target: "≥ 10×")
                 .Figure("binary COPY", copyRate, "rows/s")
                 .Figure("row-by-row INSERT (prepared, one transaction)", insertRate, "rows/s")
                 .Table(FindingTable.Of($"Loading the same {rows.Count:N0} rows, fastest of {LoadRepetitions} alternating runs", ["method", "seconds (fastest)", "seconds (every run)", "rows/s"],
                     [["binary COPY", copy.Elapsed.TotalSeconds, string.Join(", ", copy.Runs.Select(t => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture))), copyRate],
                      ["row-by-row INSERT", insert.Elapsed.TotalSeconds, string.Join(", ", insert.Runs.Select(t => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture))), insertRate]]))
                 .Check(differences == 0 && rows.Count == sideBySideRows, "COPY and INSERT loaded identical tables")
                 .Check(ratio >= 10, $"COPY is at least 10× faster than row-by-row INSERT (measured {ratio:0.0}× on {rows.Count:N0} rows, fastest of {LoadRepetitions} runs each)");
            }

            // 3. Streaming: the first accepted events of the batch, through Kafka into PostgreSQL, each run into its own database.
            context.Report(0.6, $"streaming {burstEvents:N0} events through {kafka.Description}");
            List<SaleEvent> events;
            await using (var conn = new NpgsqlConnection(db))
            {
                await conn.OpenAsync(cancellationToken);
                events = (await LoadMethods.ReadAsync(conn, burstEvents, cancellationToken)).Select(ToEvent).ToList();
            }
            var burst = await StreamAsync(kafka.BootstrapServers, await postgres.CreateDatabaseAsync("burst", cancellationToken), events, ratePerSecond: null, Log, cancellationToken);
            context.Report(0.75, $"paced stream at {pacedRate:N0} events/s for {pacedSeconds} s (latency)");
            var pacedEvents = SaleEvents.Generate(pacedRate * pacedSeconds, context.Seed, firstEventId: 50_000_000);
            var paced = await StreamAsync(kafka.BootstrapServers, await postgres.CreateDatabaseAsync("paced", cancellationToken), pacedEvents, pacedRate, Log, cancellationToken);

            // 4. Exactly once with the faults on: crashes on both sides of the COMMIT, a rebalance, poison and duplicates.
            context.Report(0.85, $"{faultEvents:N0} events with crashes, a rebalance, poison and duplicates");
            var faults = await StreamFaultRun.RunAsync(kafka.BootstrapServers, await postgres.CreateDatabaseAsync("faults", cancellationToken),
                SaleEvents.Generate(faultEvents, context.Seed + 1, firstEventId: 70_000_000), SinkBug.None, Log, cancellationToken);

            b.Figure("stream throughput (burst)", burst.Throughput.PerSecond, "events/s", key: true)
             .Figure("stream latency p50 (paced)", paced.Latency.P50Ms, "ms", key: true)
             .Figure("stream latency p99 (paced)", paced.Latency.P99Ms, "ms", key: true)
             .Figure("messages redelivered under faults", faults.Redelivered, "messages")
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
             .Table(FindingTable.Of($"Faults run: {faults.MessagesProduced:N0} messages ({faults.EventsToApply:N0} events + poison) in {faults.Elapsed.TotalSeconds:0.0} s",
                 ["what", "value"],
                 [
                     ["members that crashed (after COMMIT, before COMMIT)", faults.Crashes],
                     ["Kafka / PostgreSQL offsets at the crash after COMMIT", $"{faults.KafkaCommittedAtCrash:N0} / {faults.PostgresStoredAtCrash:N0}"],
                     ["messages consumed (all members)", faults.Consumed],
                     ["redelivered", faults.Redelivered],
                     ["skipped below the stored offset", faults.SkippedAlreadyApplied],
                     ["dead letters planted (undecodable, invalid, duplicate)", string.Join(", ", faults.Planted.Values)],
                     ["audit", faults.Problems.Count == 0 ? "exact" : string.Join("; ", faults.Problems)],
                 ]))
             .Check(burst.Problems.Count == 0, "burst: every streamed event has exactly one row and the running totals equal the event sums" + Detail(burst.Problems))
             .Check(paced.Problems.Count == 0, "paced: every streamed event has exactly one row and the running totals equal the event sums" + Detail(paced.Problems))
             .Check(faults.Crashes == 2 && faults.CrashedBetweenTheCommits,
                 $"two members crashed, one after the PostgreSQL COMMIT while Kafka's offsets were behind ({faults.KafkaCommittedAtCrash:N0} < {faults.PostgresStoredAtCrash:N0})")
             .Check(faults.Redelivered > 0, $"the crashes and the rebalance made Kafka deliver messages again ({faults.Redelivered:N0})")
             .Check(faults.Problems.Count == 0,
                 "with crashes, a rebalance, poison and duplicates every event has exactly one row, the running totals equal the event sums, and exactly the planted messages were dead-lettered" + Detail(faults.Problems));
            if (warnings.Count > 0) b.Note($"Kafka clients logged {warnings.Count} warnings or errors; the first: {warnings.First()}");

            var plot = new ScottPlot.Plot();
            var labels = new[] { "batch pipeline", "binary COPY", "row-by-row INSERT", "Kafka stream" };
            var rates = new[] { first.RowsPerSecond, copyRate, insertRate, burst.Throughput.PerSecond };
            plot.Add.Bars(rates);
            plot.Axes.Bottom.SetTicks([0, 1, 2, 3], labels);
            plot.YLabel("rows per second");
            plot.Title("Ingestion throughput into PostgreSQL");
            b.Plot(context.SavePlot(plot, "ingestion-throughput.png", "Rows per second: whole batch pipeline, COPY and INSERT on the same rows, Kafka stream"));
            summary = $"Batch: {first.InputRows:N0} rows in {first.Elapsed.TotalSeconds:0.0} s ({first.RowsPerSecond:N0} rows/s), {first.Rejected:N0} quarantined, re-run inserted {second.Inserted}; " +
                      $"COPY {copyRate / insertRate:0.0}× row-by-row INSERT; stream {burst.Throughput.PerSecond:N0} events/s, p50 {paced.Latency.P50Ms:0.0} ms / p99 {paced.Latency.P99Ms:0.0} ms at {pacedRate:N0}/s; " +
                      $"{faults.MessagesProduced:N0} messages streamed through {faults.Crashes} member crashes and a joining member, {faults.Redelivered:N0} redelivered.";
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

    private static string Detail(IReadOnlyList<string> problems) => problems.Count == 0 ? "" : $" ({string.Join("; ", problems)})";

    private sealed record StreamResult(Throughput Throughput, LatencySummary Latency, SinkStatistics Statistics, IReadOnlyList<string> Problems);

    /// <summary>Produces the events (as fast as possible, or paced) while one sink applies them into an empty database;
    /// measures until the last row is visible, then audits the table.</summary>
    private static async Task<StreamResult> StreamAsync(string bootstrap, string db, IReadOnlyList<SaleEvent> events, int? ratePerSecond,
        Action<string> log, CancellationToken cancellationToken)
    {
        var topic = $"sales-{Guid.NewGuid():N}";
        var latency = new LatencyRecorder();
        var wait = TimeSpan.FromMinutes(5);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sink = new KafkaPostgresSink(new SinkOptions
        {
            BootstrapServers = bootstrap, ConnectionString = db, Topic = topic, GroupId = "experiment-" + topic,
            Name = "experiment", Latency = latency, MaxBatchSize = 1_000, MaxBatchWait = TimeSpan.FromMilliseconds(5), Log = log,
        });
        using var producer = new SaleEventProducer(bootstrap, topic, log);
        // Warm-up: the first event creates the topic; once the sink has joined the group and applied
        // it, the clock starts (joining a consumer group takes seconds and is not ingestion time).
        producer.Send(events[0]);
        producer.Flush(TimeSpan.FromSeconds(30));
        var running = sink.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => sink.Statistics.Applied >= 1 || running.IsCompleted, wait, "the sink joining its group and applying the first event", cancellationToken);
        latency.Reset();
        var start = Stopwatch.GetTimestamp();
        var sent = 1;
        while (sent < events.Count)
        {
            // Paced: send whatever is due by now, then yield a millisecond (rate control, not synchronisation).
            var due = ratePerSecond is { } rate
                ? Math.Min(events.Count, 1 + (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate))
                : events.Count;
            for (; sent < due; sent++) producer.Send(events[sent]);
            if (sent < events.Count) await Task.Delay(1, cancellationToken);
        }
        producer.Flush(TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(() => sink.Statistics.Applied >= events.Count || running.IsCompleted, wait,
            $"the sink applying {events.Count:N0} events", cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start);
        await stop.CancelAsync();
        await running;
        var problems = await StreamAudit.ProblemsAsync(db, events, new Dictionary<DeadLetterKind, int>(), cancellationToken);
        return new StreamResult(new Throughput(sink.Statistics.Applied - 1, elapsed), latency.Summarize(), sink.Statistics, problems);
    }
}
