using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

public sealed class FeatureRegistryTests
{
    private static readonly Entity Driver = new("driver", "driver_id");

    [Theory]
    [Goal("3.2-2")]
    [InlineData("Bad-Name", "x", 1, "name")]
    [InlineData("ok", "x", 0, "ttl")]
    [InlineData("ok", "driver_id", 1, "features")]
    [InlineData("ok", "x;drop", 1, "features")]
    public void Invalid_views_are_rejected_naming_the_field(string name, string feature, int ttlHours, string field)
    {
        var error = Assert.Throws<FeatureDefinitionException>(() => new FeatureRegistry([new FeatureView(name, Driver, [feature], TimeSpan.FromHours(ttlHours))]));
        Assert.Equal((name, field), (error.Definition, error.Field));
    }

    [Fact]
    [Goal("3.2-2")]
    public void Duplicate_views_and_features_are_rejected()
    {
        var view = new FeatureView("v", Driver, ["x"], TimeSpan.FromHours(1));
        Assert.Equal("name", Assert.Throws<FeatureDefinitionException>(() => new FeatureRegistry([view, view])).Field);
        Assert.Contains("'x' twice", Assert.Throws<FeatureDefinitionException>(() => new FeatureRegistry([view with { Features = ["x", "x"] }])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [Goal("3.2-2")]
    [InlineData("v:y", "feature")]
    [InlineData("w:x", "view")]
    [InlineData("v.x", "reference")]
    public void Unknown_references_are_rejected_naming_what_was_expected(string reference, string field)
    {
        var registry = new FeatureRegistry([new FeatureView("v", Driver, ["x"], TimeSpan.FromHours(1))]);
        Assert.Equal(field, Assert.Throws<FeatureDefinitionException>(() => registry.Resolve([reference])).Field);
    }

    [Fact]
    [Goal("3.2-2")]
    public void References_resolve_in_the_order_given()
    {
        var registry = new FeatureRegistry([DriverStats.Hourly, DriverStats.Profile]);
        var resolved = registry.Resolve(["driver_profile:rating", "driver_hourly_stats:avg_daily_trips"]);
        Assert.Equal([("driver_profile", 0), ("driver_hourly_stats", 2)], resolved.Select(r => (r.View.Name, r.Index)));
    }
}
