using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Npgsql;
using NpgsqlTypes;
using StatelessMind.Labs.Lifecycle.Protos;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// A consumer-group member that sinks sale events into PostgreSQL with an exactly-once effect. The
/// consumed offsets live in PostgreSQL (<c>sink_offsets</c>), written in the same transaction as the rows
/// and the running totals; Kafka's own committed offsets are not used. So:
/// <list type="bullet">
/// <item>a crash before COMMIT loses the rows and the offset advance together; the next owner of the
/// partition starts from the stored offset and applies the batch once;</item>
/// <item>on assignment (start, rebalance) each partition is positioned at its stored offset;</item>
/// <item>each transaction locks the partition's offset row and skips messages below it, so a member that
/// lost its partition in a rebalance but still finishes a batch cannot apply anything twice.</item>
/// </list>
/// Messages that cannot be decoded or fail validation go to a dead-letter topic with the error in a
/// header, and are recorded in <c>dead_letters</c> in the same transaction.
/// <para>The loop runs on a dedicated thread: Confluent's consumer is synchronous and calls the
/// rebalance handlers from inside <c>Consume</c>, so this class uses Npgsql's synchronous API.</para>
/// </summary>
public sealed class KafkaPostgresSink(SinkOptions options)
{
    public SinkOptions Options { get; } = options;
    public SinkStatistics Statistics { get; } = new();

    /// <summary>Runs until cancelled (then closes cleanly) or until the fault injector throws (then stops abruptly).</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken cancellationToken)
    {
        StreamTables.Ensure(Options.ConnectionString);
        using var connection = new NpgsqlConnection(Options.ConnectionString);
        connection.Open();
        using var deadLetters = new ProducerBuilder<long, byte[]>(new ProducerConfig
        {
            BootstrapServers = Options.BootstrapServers, EnableIdempotence = true, Acks = Acks.All,
        }).SetLogHandler((_, _) => { }).Build();

        var pending = new List<ConsumeResult<long, byte[]>>();
        var consumer = new ConsumerBuilder<long, byte[]>(new ConsumerConfig
            {
                BootstrapServers = Options.BootstrapServers,
                GroupId = Options.GroupId,
                ClientId = Options.Name,
                EnableAutoCommit = false,         // PostgreSQL holds the offsets
                EnableAutoOffsetStore = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                SessionTimeoutMs = 6_000,
                HeartbeatIntervalMs = 500,
                IsolationLevel = IsolationLevel.ReadCommitted,
                // How long a broker may hold a fetch waiting for data. With the default (500 ms) the mock
                // cluster's fetches added hundreds of milliseconds to produce-to-row latency here.
                FetchWaitMaxMs = 10,
            })
            .SetLogHandler((_, _) => { })
            .SetPartitionsAssignedHandler((_, partitions) =>
            {
                Statistics.AddAssignment();
                return StoredOffsets(connection, partitions);
            })
            .SetPartitionsRevokedHandler((_, revoked) =>
            {
                // Messages fetched but not applied are dropped: the next owner re-reads them from the stored offset.
                var gone = revoked.Select(p => p.TopicPartition).ToHashSet();
                pending.RemoveAll(m => gone.Contains(m.TopicPartition));
            })
            .SetPartitionsLostHandler((_, lost) => pending.Clear())
            .Build();

        var crashed = false;
        try
        {
            consumer.Subscribe(Options.Topic);
            long batchNumber = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var deadline = DateTime.UtcNow + Options.MaxBatchWait;
                while (pending.Count < Options.MaxBatchSize && !cancellationToken.IsCancellationRequested)
                {
                    var wait = deadline - DateTime.UtcNow;
                    if (wait <= TimeSpan.Zero && pending.Count > 0) break;
                    var result = consumer.Consume(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(100));
                    if (result is null) { if (pending.Count > 0) break; continue; }
                    if (result.IsPartitionEOF) continue;
                    pending.Add(result);
                }
                if (pending.Count == 0) continue;
                batchNumber++;
                Statistics.AddConsumed(pending.Count);
                Options.FaultInjector?.Invoke(SinkStage.Consumed, batchNumber);
                ApplyBatch(connection, deadLetters, pending, batchNumber);
                pending.Clear();
            }
        }
        catch (SimulatedCrashException)
        {
            crashed = true;
            throw;
        }
        finally
        {
            // A crash leaves without a goodbye (as a killed process would); a normal stop leaves the group at once.
            if (!crashed)
            {
                try { consumer.Close(); } catch (KafkaException) { }
            }
            consumer.Dispose();
        }
    }

    private List<TopicPartitionOffset> StoredOffsets(NpgsqlConnection connection, List<TopicPartition> partitions)
    {
        #region Exercise 1.2-1: on assignment, position every partition at the offset stored in PostgreSQL
        using var cmd = new NpgsqlCommand(
            "SELECT kafka_partition, next_offset FROM sink_offsets WHERE consumer_group = @g AND topic = @t AND kafka_partition = ANY(@p)", connection);
        cmd.Parameters.AddWithValue("g", Options.GroupId);
        cmd.Parameters.AddWithValue("t", Options.Topic);
        cmd.Parameters.AddWithValue("p", partitions.Select(p => p.Partition.Value).ToArray());
        var stored = new Dictionary<int, long>();
        using (var reader = cmd.ExecuteReader())
            while (reader.Read()) stored[reader.GetInt32(0)] = reader.GetInt64(1);
        return [.. partitions.Select(p => new TopicPartitionOffset(p, stored.TryGetValue(p.Partition.Value, out var next) ? new Offset(next) : Offset.Beginning))];
        #endregion
    }

    private void ApplyBatch(NpgsqlConnection connection, IProducer<long, byte[]> deadLetters, List<ConsumeResult<long, byte[]>> batch, long batchNumber)
    {
        using var tx = connection.BeginTransaction();
        var good = new List<(SaleEvent Event, ConsumeResult<long, byte[]> Source)>();
        var bad = new List<(ConsumeResult<long, byte[]> Source, string Error)>();
        var newNext = new Dictionary<int, long>();
        long skipped = 0;

        #region Exercise 1.2-1: lock each partition's stored offset, skip what is already applied, decode or dead-letter the rest
        foreach (var partition in batch.GroupBy(m => m.Partition.Value))
        {
            var next = LockOffset(connection, tx, partition.Key);
            foreach (var message in partition.OrderBy(m => m.Offset.Value))
            {
                if (message.Offset.Value < next) { skipped++; continue; }
                newNext[partition.Key] = message.Offset.Value + 1;
                var (saleEvent, error) = Decode(message.Message.Value);
                if (saleEvent is not null) good.Add((saleEvent, message));
                else bad.Add((message, error!));
            }
        }
        #endregion

        #region Exercise 1.2-1: write rows, totals, dead letters and the new offsets in the same transaction, then commit
        WriteRows(connection, good);
        WriteTotals(connection, tx, good);
        foreach (var (source, error) in bad) DeadLetter(connection, tx, deadLetters, source, error);
        foreach (var (partition, next) in newNext)
        {
            using var cmd = new NpgsqlCommand("UPDATE sink_offsets SET next_offset = @n WHERE consumer_group = @g AND topic = @t AND kafka_partition = @p", connection, tx);
            cmd.Parameters.AddWithValue("n", next);
            cmd.Parameters.AddWithValue("g", Options.GroupId);
            cmd.Parameters.AddWithValue("t", Options.Topic);
            cmd.Parameters.AddWithValue("p", partition);
            cmd.ExecuteNonQuery();
        }
        Options.FaultInjector?.Invoke(SinkStage.WrittenNotCommitted, batchNumber);
        tx.Commit();
        #endregion

        var now = SaleEventProducer.UnixMicrosecondsNow();
        if (Options.Latency is { } latency)
            foreach (var (e, _) in good) latency.Record(TimeSpan.FromMicroseconds(Math.Max(1, now - e.ProducedAtUnixUs)));
        Statistics.AddApplied(good.Count);
        Statistics.AddDeadLettered(bad.Count);
        Statistics.AddSkipped(skipped);
        Statistics.AddBatch();
    }

    private long LockOffset(NpgsqlConnection connection, NpgsqlTransaction tx, int partition)
    {
        using var cmd = new NpgsqlCommand("""
            INSERT INTO sink_offsets (consumer_group, topic, kafka_partition, next_offset) VALUES (@g, @t, @p, 0)
            ON CONFLICT DO NOTHING;
            SELECT next_offset FROM sink_offsets WHERE consumer_group = @g AND topic = @t AND kafka_partition = @p FOR UPDATE;
            """, connection, tx);
        cmd.Parameters.AddWithValue("g", Options.GroupId);
        cmd.Parameters.AddWithValue("t", Options.Topic);
        cmd.Parameters.AddWithValue("p", partition);
        return (long)cmd.ExecuteScalar()!;
    }

    private static (SaleEvent? Event, string? Error) Decode(byte[]? value)
    {
        if (value is null || value.Length == 0) return (null, "empty value");
        SaleEvent decoded;
        try
        {
            decoded = SaleEvent.Parser.ParseFrom(value);
        }
        catch (InvalidProtocolBufferException e)
        {
            return (null, $"undecodable: {e.Message}");
        }
        return SaleEvents.Validate(decoded) is { } invalid ? (null, $"invalid: {invalid}") : (decoded, null);
    }

    private static void WriteRows(NpgsqlConnection connection, List<(SaleEvent Event, ConsumeResult<long, byte[]> Source)> good)
    {
        if (good.Count == 0) return;
        using var copy = connection.BeginBinaryImport(
            "COPY stream_sales (event_id, customer_id, event_time, product, quantity, unit_price_cents, currency, country, kafka_partition, kafka_offset, produced_at) FROM STDIN (FORMAT BINARY)");
        foreach (var (e, source) in good)
        {
            copy.StartRow();
            copy.Write(e.EventId, NpgsqlDbType.Bigint);
            copy.Write(e.CustomerId, NpgsqlDbType.Bigint);
            copy.Write(DateTimeOffset.FromUnixTimeMilliseconds(e.EventTimeUnixMs).UtcDateTime, NpgsqlDbType.TimestampTz);
            copy.Write(e.Product, NpgsqlDbType.Text);
            copy.Write(e.Quantity, NpgsqlDbType.Integer);
            copy.Write(e.UnitPriceCents, NpgsqlDbType.Bigint);
            copy.Write(e.Currency, NpgsqlDbType.Char);
            copy.Write(e.Country, NpgsqlDbType.Char);
            copy.Write(source.Partition.Value, NpgsqlDbType.Integer);
            copy.Write(source.Offset.Value, NpgsqlDbType.Bigint);
            copy.Write(DateTime.UnixEpoch.AddTicks(e.ProducedAtUnixUs * 10), NpgsqlDbType.TimestampTz);
        }
        copy.Complete();
    }

    /// <summary>Running totals per customer: not idempotent on purpose (applying an event twice would show here).</summary>
    private static void WriteTotals(NpgsqlConnection connection, NpgsqlTransaction tx, List<(SaleEvent Event, ConsumeResult<long, byte[]> Source)> good)
    {
        if (good.Count == 0) return;
        var perCustomer = good.GroupBy(g => g.Event.CustomerId)
            .Select(g => (Customer: g.Key, Events: (long)g.Count(), Amount: g.Sum(x => x.Event.Quantity * x.Event.UnitPriceCents)))
            .ToList();
        using var cmd = new NpgsqlCommand("""
            INSERT INTO customer_totals (customer_id, events, amount_cents)
            SELECT * FROM unnest(@c, @e, @a)
            ON CONFLICT (customer_id) DO UPDATE
               SET events = customer_totals.events + EXCLUDED.events,
                   amount_cents = customer_totals.amount_cents + EXCLUDED.amount_cents
            """, connection, tx);
        cmd.Parameters.AddWithValue("c", perCustomer.Select(p => p.Customer).ToArray());
        cmd.Parameters.AddWithValue("e", perCustomer.Select(p => p.Events).ToArray());
        cmd.Parameters.AddWithValue("a", perCustomer.Select(p => p.Amount).ToArray());
        cmd.ExecuteNonQuery();
    }

    private void DeadLetter(NpgsqlConnection connection, NpgsqlTransaction tx, IProducer<long, byte[]> producer, ConsumeResult<long, byte[]> source, string error)
    {
        // Acknowledged by the broker before the transaction commits: if the commit then fails, the message
        // is dead-lettered again on retry (at least once on the topic; the headers identify duplicates),
        // while the dead_letters table, written in the transaction, holds it exactly once.
        var headers = new Headers
        {
            { "error", Encoding.UTF8.GetBytes(error) },
            { "source-topic", Encoding.UTF8.GetBytes(source.Topic) },
            { "source-partition", Encoding.UTF8.GetBytes(source.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            { "source-offset", Encoding.UTF8.GetBytes(source.Offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        };
        producer.ProduceAsync(Options.DeadLetterTopicOrDefault, new Message<long, byte[]> { Key = source.Message.Key, Value = source.Message.Value, Headers = headers })
            .GetAwaiter().GetResult();
        using var cmd = new NpgsqlCommand("""
            INSERT INTO dead_letters (topic, kafka_partition, kafka_offset, error, payload) VALUES (@t, @p, @o, @e, @v)
            ON CONFLICT DO NOTHING
            """, connection, tx);
        cmd.Parameters.AddWithValue("t", source.Topic);
        cmd.Parameters.AddWithValue("p", source.Partition.Value);
        cmd.Parameters.AddWithValue("o", source.Offset.Value);
        cmd.Parameters.AddWithValue("e", error);
        cmd.Parameters.AddWithValue("v", (object?)source.Message.Value ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }
}
