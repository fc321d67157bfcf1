using System.Text;
using Confluent.Kafka;
using StatelessMind.Labs.Lifecycle.Protos;
using StatelessMind.Labs.Lifecycle.Streaming;

namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>
/// 1.2-1, streaming: events produced to Kafka (librdkafka's mock cluster, or KAFKA_BOOTSTRAP_SERVERS) are sunk into
/// real PostgreSQL by consumer-group members that crash on either side of the COMMIT, stall past their poll interval,
/// rebalance, and meet poison and duplicates. Each test ends with <see cref="StreamAudit"/>: every produced event has
/// exactly one row, no other rows exist, the non-idempotent running totals equal the sums of the events, and exactly
/// the planted messages were dead-lettered. The planted at-least-once sink fails the same audits.
/// </summary>
public sealed class StreamingIngestionTests(PostgresFixture postgres, KafkaFixture kafka, ITestOutputHelper output)
    : IClassFixture<PostgresFixture>, IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly IReadOnlyDictionary<DeadLetterKind, int> NoDeadLetters = new Dictionary<DeadLetterKind, int>();
    private readonly Action<string> _log = TestLog.To(output);

    private static string NewTopic(string name) => $"{name}-{Guid.NewGuid():N}";

    private List<SaleEvent> Produce(string topic, int count, int seed, long firstId = 1)
    {
        var events = SaleEvents.Generate(count, seed, firstId);
        using var producer = new SaleEventProducer(kafka.Cluster.BootstrapServers, topic, _log);
        foreach (var e in events) producer.Send(e);
        producer.Flush(TimeSpan.FromSeconds(30));
        Assert.Equal(count, producer.Delivered);
        return events;
    }

    private SinkOptions Options(string db, string topic, string name, Action<SinkStage, long>? fault = null, int batch = 200, SinkBug bug = SinkBug.None) => new()
    {
        BootstrapServers = kafka.Cluster.BootstrapServers,
        ConnectionString = db,
        Topic = topic,
        GroupId = "sales-sink-" + topic,
        Name = name,
        MaxBatchSize = batch,
        FaultInjector = fault,
        Log = _log,
        Bug = bug,
        SessionTimeout = TimeSpan.FromSeconds(3), // a crashed member is given up after 3 s
    };

    /// <summary>A fresh database with the sink's tables, so that the tests can count rows before a sink has started.</summary>
    private async Task<string> NewDatabaseAsync()
    {
        var db = await postgres.CreateDatabaseAsync("stream");
        StreamTables.Ensure(db);
        return db;
    }

    private static Task<long> RowsAsync(string db) => Sql.ScalarAsync<long>(db, "SELECT count(*) FROM stream_sales");

    private static Task<long> DeadLettersAsync(string db) => Sql.ScalarAsync<long>(db, "SELECT count(*) FROM dead_letters");

    /// <summary>Runs a sink until it has applied <paramref name="rows"/> rows in all (or stopped on its own), then stops it.</summary>
    private static async Task RunUntilAsync(KafkaPostgresSink sink, string db, long rows, long deadLetters = 0)
    {
        using var stop = new CancellationTokenSource();
        var running = sink.RunAsync(stop.Token);
        await Eventually.UntilAsync(async () => running.IsCompleted || await RowsAsync(db) >= rows && await DeadLettersAsync(db) >= deadLetters, Deadline,
            () => $"{rows} rows and {deadLetters} dead letters ({sink.Statistics})");
        await stop.CancelAsync();
        await running;
    }

    /// <summary>The first member crashes at <paramref name="stage"/> of its 4th batch; a second member of the group takes over.</summary>
    private async Task<(KafkaPostgresSink First, KafkaPostgresSink Second, long CommittedAtCrash, IReadOnlyList<string> Problems)> CrashAndTakeOverAsync(
        string name, SinkStage stage, SinkBug bug)
    {
        var topic = NewTopic(name);
        var db = await NewDatabaseAsync();
        var produced = Produce(topic, 3_000, seed: 1);

        var first = new KafkaPostgresSink(Options(db, topic, "first", (s, n) =>
        {
            if (s == stage && n == 4) throw new SimulatedCrashException($"crash at {s} of batch {n}");
        }, bug: bug));
        var crash = await Assert.ThrowsAsync<SimulatedCrashException>(() => first.RunAsync(CancellationToken.None).WaitAsync(Deadline));
        var committedAtCrash = await RowsAsync(db);
        output.WriteLine($"{crash.Message} after {committedAtCrash} committed rows; first: {first.Statistics}");

        var second = new KafkaPostgresSink(Options(db, topic, "second", bug: bug));
        await RunUntilAsync(second, db, produced.Count);
        output.WriteLine($"second: {second.Statistics}");
        return (first, second, committedAtCrash, await StreamAudit.ProblemsAsync(db, produced, NoDeadLetters));
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task A_consumer_killed_mid_batch_before_the_commit_loses_nothing_and_applies_nothing_twice()
    {
        var (first, second, committed, problems) = await CrashAndTakeOverAsync("sales-crash-before", SinkStage.WrittenNotCommitted, SinkBug.None);

        Assert.Empty(problems);
        Assert.Equal(first.Statistics.Applied, committed);                    // batches 1-3 only: batch 4 was rolled back
        Assert.True(first.Statistics.Consumed > committed);                   // batch 4 was consumed …
        Assert.Equal(3_000 - committed, second.Statistics.Applied);           // … and applied once, by the second member
        Assert.True(first.Statistics.Consumed + second.Statistics.Consumed > 3_000, "the crashed batch was delivered twice");
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task A_consumer_killed_after_the_postgres_commit_and_before_the_kafka_commit_applies_nothing_twice()
    {
        var topic = NewTopic("sales-crash-between");
        var db = await NewDatabaseAsync();
        var produced = Produce(topic, 3_000, seed: 5);
        var first = new KafkaPostgresSink(Options(db, topic, "first", (s, n) =>
        {
            if (s == SinkStage.CommittedToPostgres && n == 4) throw new SimulatedCrashException("crash between the PostgreSQL and the Kafka commit");
        }));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => first.RunAsync(CancellationToken.None).WaitAsync(Deadline));

        // The window is real: PostgreSQL holds batch 4, Kafka's committed offsets stop after batch 3.
        var committed = await RowsAsync(db);
        var stored = await Sql.ScalarAsync<long>(db, "SELECT sum(next_offset)::bigint FROM sink_offsets");
        var kafkaCommitted = KafkaGroupOffsets.Committed(kafka.Cluster.BootstrapServers, "sales-sink-" + topic, topic, _log).Values.Sum();
        Assert.Equal(first.Statistics.Applied, committed);
        Assert.Equal(committed, stored);
        Assert.True(kafkaCommitted < stored, $"Kafka committed {kafkaCommitted}, PostgreSQL stored {stored}");

        var second = new KafkaPostgresSink(Options(db, topic, "second"));
        await RunUntilAsync(second, db, produced.Count);

        Assert.Empty(await StreamAudit.ProblemsAsync(db, produced, NoDeadLetters));
        Assert.Equal(produced.Count - committed, second.Statistics.Consumed); // it started at PostgreSQL's offsets, not Kafka's
        Assert.Equal(produced.Count - committed, second.Statistics.Applied);
        output.WriteLine($"at the crash: PostgreSQL {stored} messages, Kafka {kafkaCommitted}; first: {first.Statistics}; second: {second.Statistics}");
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task Planted_bug_the_at_least_once_sink_applies_the_batch_between_the_commits_twice_and_the_audit_says_so()
    {
        var (_, second, committed, problems) = await CrashAndTakeOverAsync("sales-alo-crash", SinkStage.CommittedToPostgres, SinkBug.AtLeastOnce);

        Assert.NotEmpty(problems);
        Assert.Contains(problems, p => p.Contains("kind Duplicate", StringComparison.Ordinal));
        Assert.True(second.Statistics.Consumed > 3_000 - committed, "the second member re-read the batch Kafka had not seen committed");
        output.WriteLine("audit of the at-least-once sink: " + string.Join("; ", problems));
    }

    /// <summary>
    /// The first member stalls (as in a long GC pause) holding its 2nd batch, past its poll interval: it loses its
    /// partitions, a second member applies everything, then the first wakes up and applies the batch it holds.
    /// </summary>
    private async Task<(KafkaPostgresSink Stalled, KafkaPostgresSink Other, IReadOnlyList<string> Problems)> StallAsync(string name, SinkBug bug)
    {
        var topic = NewTopic(name);
        var db = await NewDatabaseAsync();
        var produced = Produce(topic, 2_000, seed: 6);
        using var wake = new ManualResetEventSlim();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stallOptions = Options(db, topic, "stalled", (s, n) =>
        {
            if (s != SinkStage.Consumed || n != 2) return;
            holding.TrySetResult();
            if (!wake.Wait(Deadline)) throw new TimeoutException("the test never woke the stalled member");
        }, bug: bug) with { SessionTimeout = TimeSpan.FromSeconds(3), MaxPollInterval = TimeSpan.FromSeconds(3) };
        var stalled = new KafkaPostgresSink(stallOptions);
        var other = new KafkaPostgresSink(Options(db, topic, "other", bug: bug) with { SessionTimeout = TimeSpan.FromSeconds(3) });

        using var stop = new CancellationTokenSource();
        var runStalled = stalled.RunAsync(stop.Token);
        await Task.WhenAny(holding.Task, runStalled).WaitAsync(Deadline);
        if (!holding.Task.IsCompleted) await runStalled; // the member failed before it held its batch: its error is the test's
        var runOther = other.RunAsync(stop.Token);
        await Eventually.UntilAsync(async () => runOther.IsCompleted || await RowsAsync(db) >= produced.Count, Deadline,
            () => $"the other member applying everything once the stalled one lost its partitions (stalled: {stalled.Statistics}; other: {other.Statistics})");
        wake.Set();
        await Eventually.UntilAsync(() => stalled.Statistics.Batches >= 2 || runStalled.IsCompleted, Deadline,
            $"the stalled member finishing the batch it held ({stalled.Statistics})");
        await stop.CancelAsync();
        await Task.WhenAll(runStalled, runOther);
        output.WriteLine($"stalled: {stalled.Statistics}; other: {other.Statistics}");
        return (stalled, other, await StreamAudit.ProblemsAsync(db, produced, NoDeadLetters));
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task A_member_that_lost_its_partitions_and_applies_the_batch_it_held_is_fenced_off()
    {
        var (stalled, other, problems) = await StallAsync("sales-stall", SinkBug.None);

        Assert.Empty(problems);
        var held = stalled.Statistics.Consumed - stalled.Statistics.Applied;  // its 2nd batch, applied meanwhile by the other member
        Assert.True(held > 0, "the stalled member held a batch");
        Assert.Equal(held, stalled.Statistics.SkippedAlreadyApplied);
        Assert.Equal(2_000, stalled.Statistics.Applied + other.Statistics.Applied);
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task Planted_bug_the_at_least_once_sink_lets_a_member_that_lost_its_partitions_apply_its_batch_again()
    {
        var (stalled, _, problems) = await StallAsync("sales-alo-stall", SinkBug.AtLeastOnce);

        Assert.Equal(0, stalled.Statistics.SkippedAlreadyApplied); // no fence
        Assert.Contains(problems, p => p.Contains("kind Duplicate", StringComparison.Ordinal));
        output.WriteLine("audit of the at-least-once sink: " + string.Join("; ", problems));
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task A_second_consumer_joining_rebalances_the_partitions_and_no_event_is_lost_or_doubled()
    {
        var topic = NewTopic("sales-rebalance");
        var db = await NewDatabaseAsync();
        var produced = Produce(topic, 4_000, seed: 2);

        using var stop = new CancellationTokenSource();
        var first = new KafkaPostgresSink(Options(db, topic, "first", batch: 100));
        var runFirst = first.RunAsync(stop.Token);
        await Eventually.UntilAsync(async () => runFirst.IsCompleted || await RowsAsync(db) >= 500, Deadline, "the first member applying 500 events");

        var second = new KafkaPostgresSink(Options(db, topic, "second", batch: 100));
        var runSecond = second.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => Task.FromResult(runFirst.IsCompleted || runSecond.IsCompleted ||
                                                           (second.Statistics.Assignments >= 1 && first.Statistics.Assignments >= 2)), Deadline,
            () => $"a rebalance giving the second member partitions (first: {first.Statistics}; second: {second.Statistics})");
        produced.AddRange(Produce(topic, 2_000, seed: 3, firstId: 100_001)); // more work after the rebalance

        await Eventually.UntilAsync(async () => runFirst.IsCompleted || runSecond.IsCompleted || await RowsAsync(db) >= produced.Count, Deadline,
            () => $"all {produced.Count} events applied (first: {first.Statistics}; second: {second.Statistics})");
        await stop.CancelAsync();
        await Task.WhenAll(runFirst, runSecond);

        Assert.Empty(await StreamAudit.ProblemsAsync(db, produced, NoDeadLetters));
        Assert.True(second.Statistics.Applied > 0, "the second member applied events after the rebalance");
        Assert.Equal(produced.Count, first.Statistics.Applied + second.Statistics.Applied);
        output.WriteLine($"first: {first.Statistics}; second: {second.Statistics}");
    }

    /// <summary>Reads <paramref name="count"/> messages from a dead-letter topic.</summary>
    private async Task<List<ConsumeResult<long, byte[]>>> ReadDeadLettersAsync(string topic, int count)
    {
        using var dlt = new ConsumerBuilder<long, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.Cluster.BootstrapServers, GroupId = "dlt-reader-" + topic, AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false,
        }).SetLogHandler((_, m) => { if (m.Level <= SyslogLevel.Warning) _log($"{m.Name} {m.Level}: {m.Message}"); }).Build();
        dlt.Subscribe(topic + ".dlt");
        var letters = new List<ConsumeResult<long, byte[]>>();
        await Eventually.UntilAsync(() =>
        {
            if (dlt.Consume(TimeSpan.FromMilliseconds(100)) is { } r) letters.Add(r);
            return letters.Count >= count;
        }, Deadline, $"{count} messages on {topic}.dlt");
        dlt.Close();
        return letters;
    }

    private static string Header(ConsumeResult<long, byte[]> r, string key) => Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes(key));

    [Fact]
    [Goal("1.2-1")]
    public async Task A_poison_message_goes_to_the_dead_letter_topic_with_its_error_and_the_stream_goes_on()
    {
        var topic = NewTopic("sales-poison");
        var db = await NewDatabaseAsync();
        var good = SaleEvents.Generate(1_000, seed: 4);
        var garbage = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
        var invalid = new SaleEvent { EventId = 999_999, CustomerId = 1, Quantity = 0, Currency = "EUR", Country = "NL", Product = "x" };
        using (var producer = new SaleEventProducer(kafka.Cluster.BootstrapServers, topic, _log))
        {
            for (var i = 0; i < good.Count; i++)
            {
                if (i == 300) producer.SendRaw(7, garbage);
                if (i == 600) producer.Send(invalid);
                producer.Send(good[i]);
            }
            producer.Flush(TimeSpan.FromSeconds(30));
        }

        var sink = new KafkaPostgresSink(Options(db, topic, "sink"));
        await RunUntilAsync(sink, db, good.Count, deadLetters: 2);

        Assert.Empty(await StreamAudit.ProblemsAsync(db, good,
            new Dictionary<DeadLetterKind, int> { [DeadLetterKind.Undecodable] = 1, [DeadLetterKind.Invalid] = 1 }));
        var letters = await ReadDeadLettersAsync(topic, 2);
        var undecodable = Assert.Single(letters, r => Header(r, "error").StartsWith("undecodable:", StringComparison.Ordinal));
        Assert.Equal(garbage, undecodable.Message.Value);
        var rejected = Assert.Single(letters, r => Header(r, "error").StartsWith("invalid:", StringComparison.Ordinal));
        Assert.Equal("invalid: quantity 0 is not positive", Header(rejected, "error"));
        Assert.All(letters, r => Assert.Equal(topic, Header(r, "source-topic")));
        output.WriteLine($"{sink.Statistics}; dead letters: {string.Join(" | ", letters.Select(l => $"{Header(l, "error")} (from partition {Header(l, "source-partition")} offset {Header(l, "source-offset")})"))}");
    }

    /// <summary>500 events, then event 10 re-sent twice (a new offset each), then 500 more events.</summary>
    private List<SaleEvent> ProduceWithDuplicates(string topic)
    {
        var events = SaleEvents.Generate(1_000, seed: 8);
        using var producer = new SaleEventProducer(kafka.Cluster.BootstrapServers, topic, _log);
        for (var i = 0; i < events.Count; i++)
        {
            if (i == 500)
            {
                producer.Send(new SaleEvent(events[9]));
                producer.Send(new SaleEvent(events[9]));
            }
            producer.Send(events[i]);
        }
        producer.Flush(TimeSpan.FromSeconds(30));
        return events;
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task A_duplicate_event_id_at_a_new_offset_goes_to_the_dead_letter_topic_and_does_not_jam_the_sink()
    {
        var topic = NewTopic("sales-duplicate");
        var db = await NewDatabaseAsync();
        var events = ProduceWithDuplicates(topic);

        var sink = new KafkaPostgresSink(Options(db, topic, "sink", batch: 50)); // the duplicates never share a batch with the original
        await RunUntilAsync(sink, db, events.Count, deadLetters: 2);

        Assert.Empty(await StreamAudit.ProblemsAsync(db, events, new Dictionary<DeadLetterKind, int> { [DeadLetterKind.Duplicate] = 2 }));
        Assert.Equal(2, sink.Statistics.Duplicates);
        var original = await Sql.ScalarAsync<string>(db, "SELECT format('partition %s offset %s', kafka_partition, kafka_offset) FROM stream_sales WHERE event_id = $1", default, events[9].EventId);
        var letters = await ReadDeadLettersAsync(topic, 2);
        Assert.All(letters, l => Assert.Equal($"duplicate: event_id {events[9].EventId} was already applied from {original}", Header(l, "error")));
        output.WriteLine($"{sink.Statistics}; {Header(letters[0], "error")}");
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task Planted_bug_without_the_duplicate_check_a_duplicate_event_jams_the_sink_on_the_primary_key()
    {
        var topic = NewTopic("sales-jam");
        var db = await NewDatabaseAsync();
        ProduceWithDuplicates(topic);

        var sink = new KafkaPostgresSink(Options(db, topic, "sink", batch: 50, bug: SinkBug.NoDuplicateCheck));
        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => sink.RunAsync(CancellationToken.None).WaitAsync(Deadline));

        Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, e.SqlState);
        Assert.True(await RowsAsync(db) < 1_000, "the sink stopped before the events after the duplicate");
        output.WriteLine($"{sink.Statistics}; stopped by {e.SqlState}: {e.MessageText}");
    }
}
