using Confluent.Kafka;

namespace StatelessMind.Tests;

public sealed class RedisServerTests
{
    [Fact]
    public async Task An_embedded_redis_serves_and_is_gone_after_dispose()
    {
        var server = await RedisServer.StartAsync();
        var pid = server.Pid;
        await using (var redis = await server.ConnectAsync())
        {
            var db = redis.GetDatabase();
            await db.StringSetAsync("k", "v");
            Assert.Equal("v", (string?)await db.StringGetAsync("k"));
        }
        await server.DisposeAsync();
        Assert.NotNull(pid);
        Assert.False(HostCommands.IsAlive(pid!.Value));
    }

    [Fact]
    public async Task A_missing_redis_binary_fails_at_once_naming_the_package_and_the_variable()
    {
        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => RedisServer.StartAsync(serverProgram: "/nonexistent/redis-server"));
        Assert.Contains("'redis-server'", e.Message);
        Assert.Contains("REDIS_URL", e.Message);
    }
}

public sealed class KafkaClusterTests
{
    [Fact]
    public async Task Messages_produced_by_one_client_are_consumed_by_another_through_the_bootstrap_string()
    {
        using var cluster = KafkaCluster.StartMock();
        Assert.True(cluster.IsMock);
        Assert.Equal(3, cluster.BrokerCount);
        var topic = $"harness-{Guid.NewGuid():N}";

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
               { BootstrapServers = cluster.BootstrapServers, EnableIdempotence = true, Acks = Acks.All }).Build())
        {
            for (var i = 0; i < 10; i++)
                await producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "harness-test",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var received = new List<string>();
        await Eventually.UntilAsync(() =>
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } r) received.Add(r.Message.Value);
            return received.Count >= 10;
        }, TimeSpan.FromSeconds(30), "the consumer to receive the 10 messages");
        consumer.Close();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"v{i}").Order(), received.Order());
    }
}
