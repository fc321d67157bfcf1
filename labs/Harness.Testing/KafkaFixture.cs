using StatelessMind.Harness.Services;

namespace StatelessMind.Harness;

/// <summary>xUnit fixture: one Kafka cluster (<c>KAFKA_BOOTSTRAP_SERVERS</c> or librdkafka's mock cluster).
/// Tests use their own topic names (e.g. with a Guid) so they never see each other's messages; a test that wants
/// librdkafka's log in its output sets <c>fixture.Cluster.Log = KafkaTestLog.To(output)</c>.</summary>
public sealed class KafkaFixture : IDisposable
{
    public KafkaCluster Cluster { get; } = KafkaCluster.Acquire();

    public void Dispose() => Cluster.Dispose();
}
