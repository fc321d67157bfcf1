using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

public sealed class MaterializationTests(PostgresFixture postgres, RedisFixture redis) : IClassFixture<PostgresFixture>, IClassFixture<RedisFixture>
{
    [Fact]
    [Goal("3.2-2")]
    public async Task After_materializing_two_windows_online_values_equal_the_point_in_time_join_at_the_end()
    {
        await using var bed = await FeatureStoreTestBed.CreateAsync(postgres, redis, [DriverStats.Hourly, DriverStats.Profile]);
        var data = DriverStats.Generate(drivers: 40, days: 2, labels: 1, seed: 6);
        await bed.Offline.IngestAsync(DriverStats.Hourly, data.HourlyRows, CancellationToken.None);
        await bed.Offline.IngestAsync(DriverStats.Profile, data.ProfileRows, CancellationToken.None);
        var middle = DriverStats.Start.AddDays(1);

        var first = await bed.Store.MaterializeAsync(DriverStats.Start.AddDays(-1), middle, CancellationToken.None);
        var second = await bed.Store.MaterializeAsync(middle, data.End, CancellationToken.None);
        var again = await bed.Store.MaterializeAsync(DriverStats.Start.AddDays(-1), middle, CancellationToken.None);

        Assert.Equal(40, first[DriverStats.Hourly.Name]);
        Assert.True(second[DriverStats.Hourly.Name] > 0);
        Assert.Equal(0, again.Values.Sum());
        foreach (var asOf in new[] { data.End, data.End.AddHours(1.5), data.End.AddHours(3) })
        {
            var online = await bed.Store.GetOnlineFeaturesAsync(DriverStats.References, data.DriverIds, asOf, CancellationToken.None);
            var offline = await bed.Store.GetHistoricalFeaturesAsync([.. data.DriverIds.Select(id => new EntityRow(id, asOf))], DriverStats.References, CancellationToken.None);
            Assert.Equal(offline.Select(r => r.Values.ToArray()), online);
        }
    }

    [Fact]
    [Goal("3.2-2")]
    public async Task An_empty_or_reversed_window_is_rejected()
    {
        await using var bed = await FeatureStoreTestBed.CreateAsync(postgres, redis, [DriverStats.Hourly]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => bed.Store.MaterializeAsync(DriverStats.Start, DriverStats.Start, CancellationToken.None));
        Assert.Contains("must end after it starts", error.Message, StringComparison.Ordinal);
    }
}
