using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

/// <summary>The planted bug: a join that takes each entity's latest row whatever the label's time. The audit must name the leak.</summary>
public sealed class PlantedLeakTests(PostgresFixture postgres, RedisFixture redis) : IClassFixture<PostgresFixture>, IClassFixture<RedisFixture>
{
    [Fact]
    [Goal("3.2-2")]
    public async Task The_audit_catches_values_from_after_the_label_time_joined_by_the_planted_bug()
    {
        await using var bed = await FeatureStoreTestBed.CreateAsync(postgres, redis, [DriverStats.Hourly, DriverStats.Profile], FeatureStoreBug.JoinLatestRegardlessOfLabelTime);
        var data = DriverStats.Generate(drivers: 20, days: 2, labels: 300, seed: 5);
        await bed.Offline.IngestAsync(DriverStats.Hourly, data.HourlyRows, CancellationToken.None);
        await bed.Offline.IngestAsync(DriverStats.Profile, data.ProfileRows, CancellationToken.None);

        var rows = await bed.Store.GetHistoricalFeaturesAsync([.. data.Labels.Select(l => l.Row)], DriverStats.References, CancellationToken.None);
        var violations = PointInTimeAudit.Audit(bed.Offline.Registry, DriverStats.References, data.Sources, rows);

        Assert.Contains(violations, v => v.Kind == ViolationKind.FromTheFuture && v.View == DriverStats.Hourly.Name);
        Assert.Contains(violations, v => v.Kind == ViolationKind.FromTheFuture && v.View == DriverStats.Profile.Name);
    }
}
