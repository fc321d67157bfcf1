using Confluent.Kafka;
using Npgsql;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// The sink's offsets in PostgreSQL (<c>sink_offsets</c>): the next offset to apply per (group, topic, partition).
/// They are read when partitions are assigned, locked at the start of every batch's transaction (the fence) and
/// advanced in that same transaction, so "rows written" and "offset advanced" commit together or not at all.
/// Synchronous: the consumer calls the assignment handler from inside <c>Consume</c>.
/// </summary>
public static class SinkOffsetStore
{
    /// <summary>Where each newly assigned partition starts: its stored next offset, or the beginning when none is stored.</summary>
    public static List<TopicPartitionOffset> Positions(NpgsqlConnection connection, string group, string topic, IReadOnlyCollection<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(partitions);
        #region Exercise 1.2-1c: on assignment, position every partition at the offset stored in PostgreSQL, or at the beginning (tests: SinkOffsetStoreTests.Assigned*, StreamingIngestionTests.A_*)
        using var cmd = new NpgsqlCommand(
            "SELECT kafka_partition, next_offset FROM sink_offsets WHERE consumer_group = $1 AND topic = $2 AND kafka_partition = ANY($3)", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = group });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = topic });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. partitions.Select(p => p.Partition.Value)] });
        var stored = new Dictionary<int, long>();
        using (var reader = cmd.ExecuteReader())
            while (reader.Read()) stored[reader.GetInt32(0)] = reader.GetInt64(1);
        return [.. partitions.Select(p => new TopicPartitionOffset(p, stored.TryGetValue(p.Partition.Value, out var next) ? new Offset(next) : Offset.Beginning))];
        #endregion
    }

    /// <summary>
    /// Locks the offset rows of <paramref name="partitions"/> for the rest of the transaction (creating a missing one at 0)
    /// and returns the next offset to apply per partition. A second member holding the same partitions waits here until
    /// this transaction ends, then reads the advanced offsets: the fence against a member that lost its partitions.
    /// </summary>
    public static Dictionary<int, long> Lock(NpgsqlConnection connection, NpgsqlTransaction transaction, string group, string topic, IReadOnlyCollection<int> partitions)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(partitions);
        #region Exercise 1.2-1d: lock each partition's offset row in the batch's transaction, creating it at 0, and read the next offset to apply (tests: SinkOffsetStoreTests.Locking*, SinkOffsetStoreTests.A_second_transaction*, StreamingIngestionTests.A_*)
        using var cmd = new NpgsqlCommand("""
            INSERT INTO sink_offsets (consumer_group, topic, kafka_partition, next_offset)
            SELECT @group, @topic, p, 0 FROM unnest(@partitions) AS p
            ON CONFLICT DO NOTHING;
            SELECT kafka_partition, next_offset FROM sink_offsets
             WHERE consumer_group = @group AND topic = @topic AND kafka_partition = ANY(@partitions)
             ORDER BY kafka_partition
               FOR UPDATE;
            """, connection, transaction);
        cmd.Parameters.AddWithValue("group", group);
        cmd.Parameters.AddWithValue("topic", topic);
        cmd.Parameters.AddWithValue("partitions", partitions.ToArray());
        var next = new Dictionary<int, long>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) next[reader.GetInt32(0)] = reader.GetInt64(1);
        return next;
        #endregion
    }
}
