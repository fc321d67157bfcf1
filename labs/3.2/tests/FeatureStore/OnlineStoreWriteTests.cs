using StackExchange.Redis;
using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

public sealed class OnlineStoreWriteTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly FeatureView Stats = new("stats", new Entity("e", "e_id"), ["x", "y"], TimeSpan.FromHours(2));
    private static DateTime At(int hour) => new(2026, 1, 1, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    [Goal("3.2-2")]
    public async Task Newer_rows_replace_older_ones_and_older_or_equal_rows_are_ignored()
    {
        await using var connection = await redis.Server.ConnectAsync();
        var store = new RedisOnlineStore(connection.GetDatabase(), "w" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Equal(2, await store.WriteAsync(Stats, [new(1, At(2), [2, 20]), new(2, At(2), [7, 70])], CancellationToken.None));
        Assert.Equal(1, await store.WriteAsync(Stats, [new(1, At(3), [3, 30]), new(2, At(1), [6, 60])], CancellationToken.None));
        Assert.Equal(0, await store.WriteAsync(Stats, [new(1, At(3), [9, 90])], CancellationToken.None));

        var one = (await connection.GetDatabase().HashGetAllAsync(store.Key(Stats, 1))).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        var two = (await connection.GetDatabase().HashGetAllAsync(store.Key(Stats, 2))).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        Assert.Equal(("3", "30", RedisOnlineStore.ToMicroseconds(At(3)).ToString(System.Globalization.CultureInfo.InvariantCulture)), (one["x"], one["y"], one["event_ts"]));
        Assert.Equal(("7", "70"), (two["x"], two["y"]));
    }

    [Fact]
    [Goal("3.2-2")]
    public async Task Values_round_trip_exactly()
    {
        await using var connection = await redis.Server.ConnectAsync();
        var store = new RedisOnlineStore(connection.GetDatabase(), "w" + Guid.NewGuid().ToString("N")[..8]);
        await store.WriteAsync(Stats, [new(5, At(1), [0.1 + 0.2, -1e-300])], CancellationToken.None);
        var stored = await connection.GetDatabase().HashGetAsync(store.Key(Stats, 5), [(RedisValue)"x", (RedisValue)"y"]);
        Assert.Equal([0.1 + 0.2, -1e-300], stored.Select(v => double.Parse((string)v!, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
