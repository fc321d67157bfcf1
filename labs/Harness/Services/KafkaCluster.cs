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
    private readonly LogRoute _log;

    private KafkaCluster(string bootstrapServers, IProducer<Null, Null>? mockOwner, int brokerCount, LogRoute log)
    {
        BootstrapServers = bootstrapServers;
        _mockOwner = mockOwner;
        BrokerCount = brokerCount;
        _log = log;
    }

    public string BootstrapServers { get; }
    public bool IsMock => _mockOwner is not null;
    public int BrokerCount { get; }

    public string Description => IsMock ? $"librdkafka mock cluster ({BrokerCount} brokers at {BootstrapServers})" : $"Kafka at {BootstrapServers} ({OverrideVariable})";

    /// <summary>
    /// Where librdkafka's log lines and errors go, for the harness's own clients (the mock cluster's owner) and for every
    /// client built with <see cref="LogHandler"/> and <see cref="ErrorHandler"/>. Default: warnings and errors to stderr
    /// (<see cref="KafkaLog.ToStandardError"/>); a test routes them to its output with Harness.Testing's <c>KafkaTestLog</c>.
    /// Changing it redirects clients already built.
    /// </summary>
    public Action<LogMessage> Log
    {
        get => _log.Target;
        set => _log.Target = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>For a client builder's <c>SetLogHandler</c> (producer, consumer or admin): sends its log to <see cref="Log"/>.</summary>
    public Action<IClient, LogMessage> LogHandler => _log.OnLog;

    /// <summary>For a client builder's <c>SetErrorHandler</c>: sends its errors to <see cref="Log"/>.</summary>
    public Action<IClient, Error> ErrorHandler => _log.OnError;

    public static KafkaCluster Acquire(int mockBrokers = 3)
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } servers)
        {
            var log = new LogRoute();
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers, SocketTimeoutMs = 10000 })
                .SetLogHandler(log.OnLog).SetErrorHandler(log.OnError).Build();
            try
            {
                var meta = admin.GetMetadata(TimeSpan.FromSeconds(10));
                return new KafkaCluster(servers, null, meta.Brokers.Count, log);
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
        var log = new LogRoute();
        var config = new ProducerConfig { BootstrapServers = "unused:9092" };
        config.Set("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var owner = new ProducerBuilder<Null, Null>(config).SetLogHandler(log.OnLog).SetErrorHandler(log.OnError).Build();
        using var admin = new DependentAdminClientBuilder(owner.Handle).Build();
        var meta = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var bootstrap = string.Join(',', meta.Brokers.Select(b => $"{b.Host}:{b.Port}"));
        if (bootstrap.Length == 0)
        {
            owner.Dispose();
            throw new ServiceUnavailableException("librdkafka's mock cluster reported no brokers; the Confluent.Kafka native library may be missing (librdkafka.redist).");
        }
        return new KafkaCluster(bootstrap, owner, meta.Brokers.Count, log);
    }

    public void Dispose() => _mockOwner?.Dispose();

    /// <summary>The current log target, read at each message, so that clients built before a change follow it.</summary>
    private sealed class LogRoute
    {
        public Action<LogMessage> Target { get; set; } = KafkaLog.ToStandardError;

        public void OnLog(IClient client, LogMessage message) => Target(message);

        public void OnError(IClient client, Error error) => Target(KafkaLog.FromError(client.Name, error));
    }
}
