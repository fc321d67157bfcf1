using Confluent.Kafka;
using Google.Protobuf;
using StatelessMind.Labs.Lifecycle.Protos;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// Sends sale events to Kafka with an idempotent producer and <c>acks=all</c>: the broker de-duplicates
/// the producer's retries by sequence number, and a send is acknowledged only once every in-sync replica
/// has it. Key = customer id (one customer's events stay in one partition, in order); value = Protobuf.
/// </summary>
public sealed class SaleEventProducer : IDisposable
{
    private readonly IProducer<long, byte[]> _producer;
    private long _delivered;
    private long _failed;
    private string? _lastError;

    /// <param name="bootstrapServers">The brokers.</param>
    /// <param name="topic">Where events go.</param>
    /// <param name="log">Receives librdkafka's warnings and errors; when null they go to standard error.</param>
    public SaleEventProducer(string bootstrapServers, string topic, Action<string>? log = null)
    {
        Topic = topic;
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            MaxInFlight = 5,
            LingerMs = 5,
            MessageSendMaxRetries = int.MaxValue,
            MessageTimeoutMs = 60_000,
        };
        _producer = new ProducerBuilder<long, byte[]>(config).LogTo(log).Build();
    }

    public string Topic { get; }
    public long Delivered => Interlocked.Read(ref _delivered);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Queues one event (stamping its produce time); delivery is reported asynchronously.</summary>
    public void Send(SaleEvent saleEvent)
    {
        ArgumentNullException.ThrowIfNull(saleEvent);
        saleEvent.ProducedAtUnixUs = UnixMicrosecondsNow();
        SendRaw(saleEvent.CustomerId, saleEvent.ToByteArray());
    }

    /// <summary>Queues a value as it is: the tests use it to send a poison message.</summary>
    public void SendRaw(long key, byte[] value)
    {
        while (true)
        {
            try
            {
                _producer.Produce(Topic, new Message<long, byte[]> { Key = key, Value = value }, OnDelivery);
                return;
            }
            catch (ProduceException<long, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(50)); // let deliveries drain the local queue
            }
        }
    }

    /// <summary>Waits until every queued message is acknowledged; throws if any failed.</summary>
    public void Flush(TimeSpan timeout)
    {
        var remaining = _producer.Flush(timeout);
        if (remaining > 0) throw new TimeoutException($"{remaining} messages to '{Topic}' were not acknowledged within {timeout.TotalSeconds:0} s.");
        if (Failed > 0) throw new KafkaException(new Error(ErrorCode.Unknown, $"{Failed} messages to '{Topic}' failed; last error: {_lastError}"));
    }

    public static long UnixMicrosecondsNow() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;

    private void OnDelivery(DeliveryReport<long, byte[]> report)
    {
        if (report.Error.IsError)
        {
            _lastError = report.Error.Reason;
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }

    public void Dispose() => _producer.Dispose();
}
