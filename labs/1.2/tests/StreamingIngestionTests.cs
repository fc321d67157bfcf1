using System.Text;
using Confluent.Kafka;
using Npgsql;
using StatelessMind.Labs.Lifecycle.Protos;
using StatelessMind.Labs.Lifecycle.Streaming;

namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>
/// 1.2-1, streaming: events produced to Kafka (librdkafka's mock cluster, or KAFKA_BOOTSTRAP_SERVERS) are
/// sunk into real PostgreSQL by consumer-group members that crash, rebalance and meet poison — and every
/// event is applied exactly once: its row exists once and the non-idempotent running totals equal the sums.
/// </summary>
public sealed class StreamingIngestionTests(PostgresFixture postgres, KafkaFixture kafka, ITestOutputHelper output)
    : IClassFixture<PostgresFixture>, IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private string NewTopic(string name) => $"{name}-{Guid.NewGuid():N}";

    private List<SaleEvent> Produce(string topic, int count, int seed, long firstId = 1)
    {
        var events = SaleEvents.Generate(count, seed, firstId);
        using var producer = new SaleEventProducer(kafka.Cluster.BootstrapServers, topic);
        foreach (var e in events) producer.Send(e);
        producer.Flush(TimeSpan.FromSeconds(30));
        Assert.Equal(count, producer.Delivered);
        return events;
    }

    private SinkOptions Options(string db, string topic, string name, Action<SinkStage, long>? fault = null, int batch = 200) => new()
    {
        BootstrapServers = kafka.Cluster.BootstrapServers,
        ConnectionString = db,
        Topic = topic,
        GroupId = "sales-sink-" + topic,
        Name = name,
        MaxBatchSize = batch,
        FaultInjector = fault,
    };

    private static async Task<long> CountAsync(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        try { return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture); }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return 0; }
    }

    /// <summary>Exactly once: each produced id has one row, no other rows exist, and the running totals equal the sums of the events.</summary>
    private async Task AssertExactlyOnceAsync(string db, IReadOnlyCollection<SaleEvent> produced)
    {
        Assert.Equal(produced.Count, await CountAsync(db, "SELECT count(*) FROM stream_sales"));
        Assert.Equal(produced.Count, await CountAsync(db, "SELECT count(DISTINCT event_id) FROM stream_sales"));
        var expected = produced.GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => (Events: (long)g.Count(), Amount: g.Sum(e => e.Quantity * e.UnitPriceCents)));
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT customer_id, events, amount_cents FROM customer_totals", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var actual = new Dictionary<long, (long, long)>();
        while (await reader.ReadAsync()) actual[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        await reader.CloseAsync();
        var ids = produced.Select(e => e.EventId).ToHashSet();
        await using var idCmd = new NpgsqlCommand("SELECT event_id FROM stream_sales", conn);
        await using var idReader = await idCmd.ExecuteReaderAsync();
        while (await idReader.ReadAsync()) Assert.Contains(idReader.GetInt64(0), ids);
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task A_consumer_killed_mid_batch_and_restarted_loses_nothing_and_applies_nothing_twice()
    {
        var topic = NewTopic("sales-crash");
        var db = await postgres.CreateDatabaseAsync("stream");
        var produced = Produce(topic, 3_000, seed: 1);

        // The first member dies inside its 4th batch: rows, totals and offsets written, not committed.
        var first = new KafkaPostgresSink(Options(db, topic, "first", (stage, n) =>
        {
            if (stage == SinkStage.WrittenNotCommitted && n == 4) throw new SimulatedCrashException();
        }));
        var crash = await Assert.ThrowsAsync<SimulatedCrashException>(() => first.RunAsync(CancellationToken.None).WaitAsync(Deadline));
        var committedBeforeCrash = await CountAsync(db, "SELECT count(*) FROM stream_sales");
        Assert.Equal(first.Statistics.Applied, committedBeforeCrash);           // batches 1-3 only
        Assert.True(first.Statistics.Consumed > committedBeforeCrash);           // batch 4 was consumed but rolled back

        // A new member of the same group picks up from the offsets stored with the rows.
        using var stop = new CancellationTokenSource();
        var second = new KafkaPostgresSink(Options(db, topic, "second"));
        var running = second.RunAsync(stop.Token);
        await Eventually.UntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM stream_sales") >= produced.Count, Deadline,
            () => $"all {produced.Count} events applied (first: {first.Statistics}; second: {second.Statistics})");
        await stop.CancelAsync();
        await running;

        await AssertExactlyOnceAsync(db, produced);
        Assert.Equal(produced.Count - committedBeforeCrash, second.Statistics.Applied);
        Assert.True(first.Statistics.Consumed + second.Statistics.Consumed > produced.Count, "the crashed batch was delivered twice");
        output.WriteLine($"{crash.Message} after {committedBeforeCrash} committed rows; first: {first.Statistics}; second: {second.Statistics}");
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task A_second_consumer_joining_rebalances_the_partitions_and_no_event_is_lost_or_doubled()
    {
        var topic = NewTopic("sales-rebalance");
        var db = await postgres.CreateDatabaseAsync("stream");
        var produced = Produce(topic, 4_000, seed: 2);

        using var stop = new CancellationTokenSource();
        var first = new KafkaPostgresSink(Options(db, topic, "first", batch: 100));
        var runFirst = first.RunAsync(stop.Token);
        await Eventually.UntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM stream_sales") >= 500, Deadline, () => "the first member applying 500 events");

        var second = new KafkaPostgresSink(Options(db, topic, "second", batch: 100));
        var runSecond = second.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => Task.FromResult(second.Statistics.Assignments >= 1 && first.Statistics.Assignments >= 2), Deadline,
            () => $"a rebalance giving the second member partitions (first: {first.Statistics}; second: {second.Statistics})");
        produced.AddRange(Produce(topic, 2_000, seed: 3, firstId: 100_001)); // more work after the rebalance

        await Eventually.UntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM stream_sales") >= produced.Count, Deadline,
            () => $"all {produced.Count} events applied (first: {first.Statistics}; second: {second.Statistics})");
        await stop.CancelAsync();
        await Task.WhenAll(runFirst, runSecond);

        await AssertExactlyOnceAsync(db, produced);
        Assert.True(second.Statistics.Applied > 0, "the second member applied events after the rebalance");
        Assert.Equal(produced.Count, first.Statistics.Applied + second.Statistics.Applied);
        output.WriteLine($"first: {first.Statistics}; second: {second.Statistics}");
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task A_poison_message_goes_to_the_dead_letter_topic_with_its_error_and_the_stream_goes_on()
    {
        var topic = NewTopic("sales-poison");
        var db = await postgres.CreateDatabaseAsync("stream");
        var good = SaleEvents.Generate(1_000, seed: 4);
        var garbage = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
        var invalid = new SaleEvent { EventId = 999_999, CustomerId = 1, Quantity = 0, Currency = "EUR", Country = "NL", Product = "x" };
        using (var producer = new SaleEventProducer(kafka.Cluster.BootstrapServers, topic))
        {
            for (var i = 0; i < good.Count; i++)
            {
                if (i == 300) producer.SendRaw(7, garbage);
                if (i == 600) producer.Send(invalid);
                producer.Send(good[i]);
            }
            producer.Flush(TimeSpan.FromSeconds(30));
        }

        using var stop = new CancellationTokenSource();
        var sink = new KafkaPostgresSink(Options(db, topic, "sink"));
        var running = sink.RunAsync(stop.Token);
        await Eventually.UntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM stream_sales") >= good.Count
                                                && await CountAsync(db, "SELECT count(*) FROM dead_letters") >= 2, Deadline,
            () => $"1,000 events applied and 2 dead letters ({sink.Statistics})");
        await stop.CancelAsync();
        await running;

        await AssertExactlyOnceAsync(db, good);
        Assert.Equal(2, await CountAsync(db, "SELECT count(*) FROM dead_letters"));

        using var dlt = new ConsumerBuilder<long, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.Cluster.BootstrapServers, GroupId = "dlt-reader-" + topic, AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false,
        }).SetLogHandler((_, _) => { }).Build();
        dlt.Subscribe(topic + ".dlt");
        var letters = new List<ConsumeResult<long, byte[]>>();
        var deadline = DateTime.UtcNow + Deadline;
        while (letters.Count < 2 && DateTime.UtcNow < deadline)
            if (dlt.Consume(TimeSpan.FromMilliseconds(200)) is { } r) letters.Add(r);
        dlt.Close();

        Assert.Equal(2, letters.Count);
        string Header(ConsumeResult<long, byte[]> r, string key) => Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes(key));
        var undecodable = Assert.Single(letters, r => Header(r, "error").StartsWith("undecodable:", StringComparison.Ordinal));
        Assert.Equal(garbage, undecodable.Message.Value);
        var rejected = Assert.Single(letters, r => Header(r, "error").StartsWith("invalid:", StringComparison.Ordinal));
        Assert.Equal("invalid: quantity 0 is not positive", Header(rejected, "error"));
        Assert.All(letters, r => Assert.Equal(topic, Header(r, "source-topic")));
        output.WriteLine($"{sink.Statistics}; dead letters: {string.Join(" | ", letters.Select(l => $"{Header(l, "error")} (from partition {Header(l, "source-partition")} offset {Header(l, "source-offset")})"))}");
    }
}
