using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Npgsql;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// A consumer-group member that sinks sale events into PostgreSQL with an exactly-once effect. The consumed
/// offsets live in PostgreSQL (<c>sink_offsets</c>), written in the same transaction as the rows and the running
/// totals. Kafka's committed offsets are advanced too, after the PostgreSQL COMMIT, for tools that read a group's
/// lag; they never decide where this sink reads. So:
/// <list type="bullet">
/// <item>a crash before the COMMIT loses the rows and the offset advance together; the next owner of the
/// partition starts from the stored offset and applies the batch once;</item>
/// <item>a crash after the COMMIT and before the Kafka commit loses nothing either: the next owner starts from
/// the stored offset, which already includes the batch;</item>
/// <item>each transaction locks the partitions' offset rows and skips messages below them, so a member that lost
/// its partitions in a rebalance but still finishes a batch cannot apply anything twice;</item>
/// <item>messages that cannot be decoded, fail validation or repeat an applied event id go to a dead-letter topic
/// and are recorded in <c>dead_letters</c> in the same transaction; the stream goes on.</item>
/// </list>
/// <para>The loop runs on a dedicated thread: Confluent's consumer is synchronous and calls the rebalance handlers
/// from inside <c>Consume</c>, so this class uses Npgsql's synchronous API.</para>
/// </summary>
public sealed class KafkaPostgresSink(SinkOptions options)
{
    public SinkOptions Options { get; } = options;
    public SinkStatistics Statistics { get; } = new();

    /// <summary>Runs until cancelled (then closes cleanly) or until the fault injector throws (then stops abruptly).</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Log(string message)
    {
        var line = $"[{Options.Name}] {message}";
        if (Options.Log is { } log) log(line);
        else Console.Error.WriteLine(line);
    }

    private void Run(CancellationToken cancellationToken)
    {
        StreamTables.Ensure(Options.ConnectionString);
        using var connection = new NpgsqlConnection(Options.ConnectionString);
        connection.Open();
        using var deadLetters = new ProducerBuilder<long, byte[]>(new ProducerConfig
        {
            BootstrapServers = Options.BootstrapServers, EnableIdempotence = true, Acks = Acks.All, ClientId = Options.Name + "-dlt",
        }).LogTo(Options.Log).Build();

        var pending = new List<ConsumeResult<long, byte[]>>();
        var consumer = new ConsumerBuilder<long, byte[]>(new ConsumerConfig
            {
                BootstrapServers = Options.BootstrapServers,
                GroupId = Options.GroupId,
                ClientId = Options.Name,
                EnableAutoCommit = false,         // committed explicitly, after PostgreSQL
                EnableAutoOffsetStore = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                SessionTimeoutMs = (int)Options.SessionTimeout.TotalMilliseconds,
                HeartbeatIntervalMs = Math.Max(100, (int)Options.SessionTimeout.TotalMilliseconds / 10),
                MaxPollIntervalMs = (int)Math.Max(Options.MaxPollInterval.TotalMilliseconds, Options.SessionTimeout.TotalMilliseconds),
                IsolationLevel = IsolationLevel.ReadCommitted,
                // How long a broker may hold a fetch waiting for data. With the default (500 ms) the mock
                // cluster's fetches added hundreds of milliseconds to produce-to-row latency here.
                FetchWaitMaxMs = 10,
            })
            .LogTo(Options.Log)
            .SetPartitionsAssignedHandler((_, partitions) =>
            {
                Statistics.AddAssignment();
                // The planted at-least-once sink starts where Kafka's committed offsets say (Offset.Unset).
                return Options.Bug == SinkBug.AtLeastOnce
                    ? [.. partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset))]
                    : SinkOffsetStore.Positions(connection, Options.GroupId, Options.Topic, partitions);
            })
            .SetPartitionsRevokedHandler((_, revoked) =>
            {
                // Messages fetched but not applied are dropped: the next owner re-reads them from the stored offset.
                var gone = revoked.Select(p => p.TopicPartition).ToHashSet();
                pending.RemoveAll(m => gone.Contains(m.TopicPartition));
            })
            .SetPartitionsLostHandler((_, _) => pending.Clear())
            .Build();

        var crashed = false;
        try
        {
            consumer.Subscribe(Options.Topic);
            long batchNumber = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                FillBatch(consumer, pending, cancellationToken);
                if (pending.Count == 0) continue;
                batchNumber++;
                Statistics.AddConsumed(pending.Count);
                Options.FaultInjector?.Invoke(SinkStage.Consumed, batchNumber);
                var applied = ApplyBatch(connection, deadLetters, pending, batchNumber);
                Options.FaultInjector?.Invoke(SinkStage.CommittedToPostgres, batchNumber);
                CommitToKafka(consumer, applied);
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

    /// <summary>Collects up to <see cref="SinkOptions.MaxBatchSize"/> messages, waiting at most <see cref="SinkOptions.MaxBatchWait"/> once one has arrived.</summary>
    private void FillBatch(IConsumer<long, byte[]> consumer, List<ConsumeResult<long, byte[]>> pending, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Options.MaxBatchWait;
        while (pending.Count < Options.MaxBatchSize && !cancellationToken.IsCancellationRequested)
        {
            var wait = deadline - DateTime.UtcNow;
            if (wait <= TimeSpan.Zero && pending.Count > 0) return;
            ConsumeResult<long, byte[]>? result;
            try
            {
                result = consumer.Consume(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(100));
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                // E.g. the member stalled past max.poll.interval.ms and left the group: it rejoins on the next poll,
                // and whatever it still holds is fenced off by the stored offsets.
                Log($"consume: {e.Error.Code}: {e.Error.Reason}");
                pending.Clear();
                return;
            }
            if (result is null)
            {
                if (pending.Count > 0) return;
                continue;
            }
            if (!result.IsPartitionEOF) pending.Add(result);
        }
    }

    /// <summary>Applies a batch in one transaction; returns the next offset per partition it consumed (for Kafka's commit).</summary>
    private IReadOnlyDictionary<int, long> ApplyBatch(NpgsqlConnection connection, IProducer<long, byte[]> deadLetters, List<ConsumeResult<long, byte[]>> batch, long batchNumber)
    {
        var messages = batch.Select(m => new SinkMessage(m.Topic, m.Partition.Value, m.Offset.Value, m.Message.Key, m.Message.Value)).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return ApplyOnce(connection, deadLetters, messages, batchNumber);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                // Another member applied the same event id from another partition between our look-up and our COPY:
                // run the batch again; this time the look-up finds it and the message is dead-lettered.
                Log($"batch {batchNumber}: {e.MessageText} ({e.Detail}); applying the batch again (attempt {attempt + 1})");
            }
        }
    }

    private IReadOnlyDictionary<int, long> ApplyOnce(NpgsqlConnection connection, IProducer<long, byte[]> deadLetters, List<SinkMessage> messages, long batchNumber)
    {
        using var tx = connection.BeginTransaction();
        var partitions = messages.Select(m => m.Partition).Distinct().Order().ToList();
        var stored = Options.Bug == SinkBug.AtLeastOnce
            ? new Dictionary<int, long>()
            : SinkOffsetStore.Lock(connection, tx, Options.GroupId, Options.Topic, partitions);
        var plan = SinkBatchClassifier.Classify(messages, stored, ids => Options.Bug == SinkBug.NoDuplicateCheck
            ? new Dictionary<long, EventLocation>()
            : SinkWriter.FindApplied(connection, tx, ids));
        var written = Options.Bug == SinkBug.AtLeastOnce ? plan with { NextOffsets = new Dictionary<int, long>() } : plan;
        SinkWriter.Write(connection, tx, written, Options.GroupId, Options.Topic, letter => Publish(deadLetters, letter));
        Options.FaultInjector?.Invoke(SinkStage.WrittenNotCommitted, batchNumber);
        tx.Commit();

        var now = SaleEventProducer.UnixMicrosecondsNow();
        if (Options.Latency is { } latency)
            foreach (var (e, _) in plan.Apply) latency.Record(TimeSpan.FromMicroseconds(Math.Max(1, now - e.ProducedAtUnixUs)));
        Statistics.AddApplied(plan.Apply.Count);
        Statistics.AddDeadLettered(plan.DeadLetters.Count);
        Statistics.AddDuplicates(plan.DeadLetters.Count(d => d.Kind == DeadLetterKind.Duplicate));
        Statistics.AddSkipped(plan.Skipped);
        Statistics.AddBatch();
        return plan.NextOffsets;
    }

    private void Publish(IProducer<long, byte[]> producer, DeadLetter letter)
    {
        var source = letter.Source;
        var headers = new Headers
        {
            { "error", Encoding.UTF8.GetBytes(letter.Error) },
            { "source-topic", Encoding.UTF8.GetBytes(source.Topic) },
            { "source-partition", Encoding.UTF8.GetBytes(source.Partition.ToString(CultureInfo.InvariantCulture)) },
            { "source-offset", Encoding.UTF8.GetBytes(source.Offset.ToString(CultureInfo.InvariantCulture)) },
        };
        producer.ProduceAsync(Options.DeadLetterTopicOrDefault, new Message<long, byte[]> { Key = source.Key, Value = source.Value!, Headers = headers })
            .GetAwaiter().GetResult();
    }

    /// <summary>Kafka's committed offsets follow PostgreSQL's, for lag monitors. A refused commit (the member has just
    /// lost the partition) changes nothing here: PostgreSQL holds the offsets this sink reads from.</summary>
    private void CommitToKafka(IConsumer<long, byte[]> consumer, IReadOnlyDictionary<int, long> next)
    {
        if (next.Count == 0) return;
        try
        {
            consumer.Commit([.. next.Select(kv => new TopicPartitionOffset(Options.Topic, kv.Key, kv.Value))]);
            Statistics.AddKafkaCommit();
        }
        catch (KafkaException e)
        {
            Log($"Kafka refused the offset commit ({e.Error.Code}: {e.Error.Reason}); PostgreSQL holds the offsets");
        }
    }
}
