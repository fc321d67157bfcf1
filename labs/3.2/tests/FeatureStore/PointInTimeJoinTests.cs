using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

public sealed class PointInTimeJoinTests(PostgresFixture postgres, RedisFixture redis) : IClassFixture<PostgresFixture>, IClassFixture<RedisFixture>
{
    private static readonly Entity User = new("user", "user_id");
    private static readonly FeatureView Stats = new("user_stats", User, ["x", "y"], TimeSpan.FromHours(2));
    private static DateTime At(int hour, int minute = 0, int second = 0) => new(2026, 1, 1, hour, minute, second, DateTimeKind.Utc);

    [Fact]
    [Goal("3.2-2")]
    public async Task Each_label_gets_the_latest_value_at_or_before_its_time_and_within_the_ttl()
    {
        await using var bed = await FeatureStoreTestBed.CreateAsync(postgres, redis, [Stats]);
        await bed.Offline.IngestAsync(Stats, [new(1, At(1), [1, 10]), new(1, At(2), [2, 20]), new(1, At(4), [4, 40]), new(2, At(1, 30), [5, 50])], CancellationToken.None);
        EntityRow[] labels =
        [
            new(1, At(3)), new(1, At(2)), new(1, At(1, 59, 59)), new(1, At(0, 30)),
            new(1, At(6, 30)), new(1, At(6)), new(2, At(3)), new(3, At(3)),
        ];
        var rows = await bed.Store.GetHistoricalFeaturesAsync(labels, ["user_stats:y", "user_stats:x"], CancellationToken.None);

        Assert.Equal(labels, rows.Select(r => r.Entity));
        double?[][] expected =
        [
            [20, 2],       // 03:00 → the 02:00 row, not the 04:00 one
            [20, 2],       // 02:00 → the row of exactly that time
            [10, 1],       // 01:59:59 → the 01:00 row
            [null, null],  // 00:30 → nothing yet
            [null, null],  // 06:30 → the 04:00 row is older than the 2-hour TTL
            [40, 4],       // 06:00 → the 04:00 row is exactly the TTL old
            [50, 5],       // entity 2 at 03:00 → its 01:30 row
            [null, null],  // entity 3 has no rows
        ];
        Assert.Equal(expected, rows.Select(r => r.Values.ToArray()));
        Assert.Equal(At(2), rows[0].JoinedTimestamps["user_stats"]);
        Assert.Null(rows[4].JoinedTimestamps["user_stats"]);
    }

    [Fact]
    [Goal("3.2-2")]
    public async Task On_generated_driver_data_the_join_passes_the_independent_audit()
    {
        await using var bed = await FeatureStoreTestBed.CreateAsync(postgres, redis, [DriverStats.Hourly, DriverStats.Profile]);
        var data = DriverStats.Generate(drivers: 30, days: 2, labels: 600, seed: 4);
        await bed.Offline.IngestAsync(DriverStats.Hourly, data.HourlyRows, CancellationToken.None);
        await bed.Offline.IngestAsync(DriverStats.Profile, data.ProfileRows, CancellationToken.None);

        var rows = await bed.Store.GetHistoricalFeaturesAsync([.. data.Labels.Select(l => l.Row)], DriverStats.References, CancellationToken.None);

        Assert.Empty(PointInTimeAudit.Audit(bed.Offline.Registry, DriverStats.References, data.Sources, rows));
        Assert.Contains(rows, r => r.Values[0] is null);
        Assert.Contains(rows, r => r.Values.All(v => v is not null));
        Assert.All(rows, r => Assert.True(r.JoinedTimestamps.Values.All(t => t is null || t <= r.Entity.Timestamp)));
    }
}
