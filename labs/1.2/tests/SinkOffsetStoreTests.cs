using Confluent.Kafka;
using Npgsql;
using StatelessMind.Labs.Lifecycle.Streaming;

namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>1.2-1c and 1.2-1d: the offsets in PostgreSQL, without Kafka: where assigned partitions start, and the lock that fences a batch.</summary>
public sealed class SinkOffsetStoreTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private async Task<string> DatabaseWithOffsetsAsync()
    {
        var db = await postgres.CreateDatabaseAsync("offsets");
        StreamTables.Ensure(db);
        await Sql.ExecuteAsync(db, default,
            "INSERT INTO sink_offsets VALUES ('g', 'sales', 0, 120), ('g', 'sales', 2, 7), ('other', 'sales', 1, 999), ('g', 'returns', 1, 55)");
        return db;
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task Assigned_partitions_start_at_their_stored_offset_or_at_the_beginning()
    {
        var db = await DatabaseWithOffsetsAsync();
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();

        var positions = SinkOffsetStore.Positions(connection, "g", "sales", [.. Enumerable.Range(0, 3).Select(p => new TopicPartition("sales", p))]);

        Assert.Equal([new TopicPartitionOffset("sales", 0, 120), new TopicPartitionOffset("sales", 1, Offset.Beginning), new TopicPartitionOffset("sales", 2, 7)], positions);
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task Locking_reads_the_stored_offsets_and_creates_missing_rows_at_zero()
    {
        var db = await DatabaseWithOffsetsAsync();
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            Assert.Equal(new Dictionary<int, long> { [0] = 120, [1] = 0, [3] = 0 }, SinkOffsetStore.Lock(connection, tx, "g", "sales", [0, 1, 3]));
            await tx.CommitAsync();
        }
        Assert.Equal(4, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM sink_offsets WHERE consumer_group = 'g' AND topic = 'sales'"));
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task A_second_transaction_locking_the_same_partition_waits_and_then_sees_the_advanced_offset()
    {
        var db = await DatabaseWithOffsetsAsync();
        await using var owner = new NpgsqlConnection(db);
        await using var stale = new NpgsqlConnection(db);
        await owner.OpenAsync();
        await stale.OpenAsync();

        await using var ownerTx = await owner.BeginTransactionAsync();
        Assert.Equal(120, SinkOffsetStore.Lock(owner, ownerTx, "g", "sales", [0])[0]);

        // While the owner's batch is open, the stale member cannot read partition 0's offset: it would wait for it.
        await using (var staleTx = await stale.BeginTransactionAsync())
        {
            await using (var timeout = new NpgsqlCommand("SET LOCAL lock_timeout = '200ms'", stale, staleTx)) await timeout.ExecuteNonQueryAsync();
            Assert.Equal(7, SinkOffsetStore.Lock(stale, staleTx, "g", "sales", [2])[2]); // other partitions are not blocked
            var e = Assert.Throws<PostgresException>(() => SinkOffsetStore.Lock(stale, staleTx, "g", "sales", [0]));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, e.SqlState);
        }

        // The owner advances partition 0 and commits; the stale member's next attempt reads the new offset and so skips what the owner applied.
        SinkWriter.Write(owner, ownerTx, new SinkBatchPlan([], [], new Dictionary<int, long> { [0] = 170 }, 0), "g", "sales", _ => { });
        await ownerTx.CommitAsync();
        await using var again = await stale.BeginTransactionAsync();
        Assert.Equal(170, SinkOffsetStore.Lock(stale, again, "g", "sales", [0])[0]);
        output.WriteLine("partition 0: the stale transaction timed out on the lock (55P03) while the owner's batch was open, then read 170");
    }
}
