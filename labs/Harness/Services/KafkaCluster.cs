using Confluent.Kafka;

namespace StatelessMind.Harness.Services;

/// <summary>
/// A Kafka cluster to produce to and consume from: the brokers named by <c>KAFKA_BOOTSTRAP_SERVERS</c>
/// when set, else librdkafka's in-process mock cluster (<c>test.mock.num.brokers</c>). The mock speaks
/// the real Kafka wire protocol on loopback ports, so ordinary Confluent.Kafka producers, consumer
/// groups, idempotence and transactions work against <see cref="BootstrapServers"/>; it lives as long
/// as this object. Topics are created on first use (the mock does not support CreateTopics).
/// </summary>
public sealed class KafkaCluster : IDisposable
{
    public const string OverrideVariable = "KAFKA_BOOTSTRAP_SERVERS";
    private readonly IProducer<Null, Null>? _mockOwner;

    private KafkaCluster(string bootstrapServers, IProducer<Null, Null>? mockOwner, int brokerCount)
    {
        BootstrapServers = bootstrapServers;
        _mockOwner = mockOwner;
        BrokerCount = brokerCount;
    }

    public string BootstrapServers { get; }
    public bool IsMock => _mockOwner is not null;
    public int BrokerCount { get; }

    public string Description => IsMock ? $"librdkafka mock cluster ({BrokerCount} brokers at {BootstrapServers})" : $"Kafka at {BootstrapServers} ({OverrideVariable})";

    public static KafkaCluster Acquire(int mockBrokers = 3)
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } servers)
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers, SocketTimeoutMs = 10000 }).Build();
            try
            {
                var meta = admin.GetMetadata(TimeSpan.FromSeconds(10));
                return new KafkaCluster(servers, null, meta.Brokers.Count);
            }
            catch (KafkaException e)
            {
                throw new ServiceUnavailableException($"{OverrideVariable}={servers} but no broker answered: {e.Message}. " +
                                                      $"Start Kafka (make up) or unset {OverrideVariable} to use the embedded mock cluster.", e);
            }
        }
        return StartMock(mockBrokers);
    }

    /// <summary>Always starts a mock cluster (for tests that must not touch a shared broker).</summary>
    public static KafkaCluster StartMock(int brokers = 3)
    {
        var config = new ProducerConfig { BootstrapServers = "unused:9092" };
        config.Set("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var owner = new ProducerBuilder<Null, Null>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(owner.Handle).Build();
        var meta = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var bootstrap = string.Join(',', meta.Brokers.Select(b => $"{b.Host}:{b.Port}"));
        if (bootstrap.Length == 0)
        {
            owner.Dispose();
            throw new ServiceUnavailableException("librdkafka's mock cluster reported no brokers; the Confluent.Kafka native library may be missing (librdkafka.redist).");
        }
        return new KafkaCluster(bootstrap, owner, meta.Brokers.Count);
    }

    public void Dispose() => _mockOwner?.Dispose();
}
