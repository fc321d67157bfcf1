using System.Globalization;
using StackExchange.Redis;
using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

public sealed class OnlineStoreReadTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly FeatureView Stats = new("stats", new Entity("e", "e_id"), ["x", "y"], TimeSpan.FromHours(2));
    private static DateTime At(int hour) => new(2026, 1, 1, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    [Goal("3.2-2")]
    public async Task Reads_serve_stored_values_and_nulls_for_missing_or_expired_ones()
    {
        await using var connection = await redis.Server.ConnectAsync();
        var db = connection.GetDatabase();
        var store = new RedisOnlineStore(db, "r" + Guid.NewGuid().ToString("N")[..8]);
        // Written directly, in the store's layout, so that this test depends on the read alone.
        await db.HashSetAsync(store.Key(Stats, 1), [new("event_ts", Micros(At(3))), new("x", "1.5"), new("y", "-2")]);
        await db.HashSetAsync(store.Key(Stats, 2), [new("event_ts", Micros(At(1))), new("x", "7"), new("y", "8")]);

        var rows = await store.ReadAsync(Stats, [1, 2, 3], At(4), CancellationToken.None);

        Assert.Equal([1L, 2, 3], rows.Select(r => r.EntityId));
        Assert.Equal(At(3), rows[0].EventTimestamp);
        Assert.Equal([1.5, -2.0], rows[0].Values.Select(v => v!.Value));
        Assert.Null(rows[1].EventTimestamp);                                                         // 3 h old, TTL 2 h
        Assert.Equal(new double?[] { null, null }, rows[1].Values);
        Assert.Equal(new double?[] { null, null }, rows[2].Values);                                // never written

        var earlier = await store.ReadAsync(Stats, [2], At(3), CancellationToken.None);                 // exactly the TTL old: served
        Assert.Equal([7.0, 8.0], earlier[0].Values.Select(v => v!.Value));
    }

    private static string Micros(DateTime t) => ((t - DateTime.UnixEpoch).Ticks / 10).ToString(CultureInfo.InvariantCulture);
}
