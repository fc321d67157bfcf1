using Confluent.Kafka;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>Reads a consumer group's committed offsets from Kafka, as a lag monitor would (without joining the group).</summary>
public static class KafkaGroupOffsets
{
    /// <summary>The committed next offset of every partition of <paramref name="topic"/> for <paramref name="group"/>; 0 where nothing is committed.</summary>
    public static Dictionary<int, long> Committed(string bootstrapServers, string group, string topic, Action<string>? log = null)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).LogTo(log).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers, GroupId = group, EnableAutoCommit = false, ClientId = "offset-probe",
        }).LogTo(log).Build();
        return probe.Committed(partitions, TimeSpan.FromSeconds(10))
            .ToDictionary(c => c.Partition.Value, c => c.Offset.IsSpecial ? 0 : c.Offset.Value);
    }
}
