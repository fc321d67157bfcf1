using System.Diagnostics;
using Google.Protobuf;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;
using StatelessMind.Labs.Lifecycle.Protos;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// Streams events through a consumer group while the faults the sink is built for happen, then audits the table:
/// <list type="number">
/// <item>poison planted among the events: undecodable bytes, invalid events and re-sent duplicates (at new offsets);</item>
/// <item>the first member crashes after its 3rd batch's PostgreSQL COMMIT, before the Kafka offset commit;</item>
/// <item>the second crashes inside its 3rd batch, after writing and before the COMMIT;</item>
/// <item>the third runs, and a fourth joins while it runs (a rebalance).</item>
/// </list>
/// The crashes are in-process (an exception, and the consumer left without closing its session).
/// </summary>
public static class StreamFaultRun
{
    public const int PoisonOfEachKind = 3;

    public static async Task<StreamFaultRunResult> RunAsync(string bootstrapServers, string connectionString, IReadOnlyList<SaleEvent> events,
        SinkBug bug = SinkBug.None, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count < 400) throw new ArgumentOutOfRangeException(nameof(events), events.Count, "At least 400 events: enough for three batches per crashed member.");
        var deadline = TimeSpan.FromMinutes(3);
        var topic = $"sales-faults-{Guid.NewGuid():N}";
        var group = "faults-" + topic;
        var started = Stopwatch.GetTimestamp();
        StreamTables.Ensure(connectionString);

        // 1. Produce, with poison at three places: garbage, an invalid event, and a re-send of an event 100 places back.
        var produced = 0;
        using (var producer = new SaleEventProducer(bootstrapServers, topic, log))
        {
            var poisonAt = new HashSet<int> { events.Count / 4, events.Count / 2, 3 * events.Count / 4 };
            for (var i = 0; i < events.Count; i++)
            {
                if (poisonAt.Contains(i))
                {
                    producer.SendRaw(events[i].CustomerId, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
                    producer.Send(new SaleEvent(events[i]) { EventId = 900_000_000 + i, Quantity = 0 });
                    producer.Send(new SaleEvent(events[i - 100]));
                    produced += 3;
                }
                producer.Send(events[i]);
                produced++;
            }
            producer.Flush(TimeSpan.FromSeconds(60));
        }
        var planted = Enum.GetValues<DeadLetterKind>().ToDictionary(k => k, _ => PoisonOfEachKind);

        SinkOptions Options(string name, Action<SinkStage, long>? fault) => new()
        {
            BootstrapServers = bootstrapServers, ConnectionString = connectionString, Topic = topic, GroupId = group, Name = name,
            MaxBatchSize = Math.Max(50, events.Count / 20), FaultInjector = fault, Log = log, Bug = bug,
            // A crashed member leaves no goodbye: the group waits this long before it rebalances without it.
            SessionTimeout = TimeSpan.FromSeconds(3),
        };
        var sinks = new List<KafkaPostgresSink>();
        var crashes = 0;
        async Task CrashingMemberAsync(string name, SinkStage stage)
        {
            var sink = new KafkaPostgresSink(Options(name, (s, n) => { if (s == stage && n == 3) throw new SimulatedCrashException($"{name}: crash at {stage} of batch 3"); }));
            sinks.Add(sink);
            try
            {
                await sink.RunAsync(cancellationToken).WaitAsync(deadline, cancellationToken);
            }
            catch (SimulatedCrashException)
            {
                crashes++;
            }
        }

        // 2. Crash after the PostgreSQL COMMIT; record how far each side's offsets had got.
        await CrashingMemberAsync("crash-after-commit", SinkStage.CommittedToPostgres);
        var kafkaAtCrash = KafkaGroupOffsets.Committed(bootstrapServers, group, topic, log).Values.Sum();
        var postgresAtCrash = await Sql.ScalarAsync<long>(connectionString,
            "SELECT (SELECT count(*) FROM stream_sales) + (SELECT count(*) FROM dead_letters)", cancellationToken);

        // 3. Crash before the COMMIT.
        await CrashingMemberAsync("crash-before-commit", SinkStage.WrittenNotCommitted);

        // 4. A member that runs, and one that joins it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var third = new KafkaPostgresSink(Options("third", null));
        var fourth = new KafkaPostgresSink(Options("fourth", null));
        sinks.Add(third);
        sinks.Add(fourth);
        var running = new List<Task> { third.RunAsync(stop.Token) };
        await Eventually.UntilAsync(() => third.Statistics.Batches >= 2 || running[0].IsCompleted, deadline, "the third member applying two batches", cancellationToken);
        running.Add(fourth.RunAsync(stop.Token));

        var distinct = events.Count;
        await Eventually.UntilAsync(async () => running.Any(t => t.IsCompleted) ||
                                                await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM stream_sales", cancellationToken) >= distinct &&
                                                await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM dead_letters", cancellationToken) >= 3 * PoisonOfEachKind,
            deadline, () => $"{distinct:N0} rows and {3 * PoisonOfEachKind} dead letters ({string.Join("; ", sinks.Select(s => $"{s.Options.Name}: {s.Statistics}"))})",
            cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(running); // a sink that failed on its own throws here

        var problems = await StreamAudit.ProblemsAsync(connectionString, events, planted, cancellationToken);
        return new StreamFaultRunResult(produced, distinct, planted, problems, crashes, kafkaAtCrash, postgresAtCrash,
            sinks.Sum(s => s.Statistics.Consumed), sinks.Sum(s => s.Statistics.SkippedAlreadyApplied), third.Statistics.Assignments,
            Stopwatch.GetElapsedTime(started));
    }
}
