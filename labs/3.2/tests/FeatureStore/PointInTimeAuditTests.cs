using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

public sealed class PointInTimeAuditTests
{
    private static readonly FeatureView Stats = new("s", new Entity("e", "e_id"), ["x"], TimeSpan.FromHours(2));
    private static readonly FeatureRegistry Registry = new([Stats]);
    private static DateTime At(int hour) => new(2026, 1, 1, hour, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, IReadOnlyList<FeatureRow>> Sources = new()
    {
        ["s"] = [new(1, At(1), [1]), new(1, At(2), [2]), new(1, At(5), [5])],
    };

    private static TrainingRow Row(int labelHour, double? x, int? joinedHour) =>
        new(new EntityRow(1, At(labelHour)), [x], new Dictionary<string, DateTime?> { ["s"] = joinedHour is { } h ? At(h) : null });

    private static IReadOnlyList<PointInTimeViolation> Audit(params TrainingRow[] rows) => PointInTimeAudit.Audit(Registry, ["s:x"], Sources, rows);

    [Fact]
    [Goal("3.2-2")]
    public void A_correct_training_set_has_no_violations()
    {
        Assert.Empty(Audit(Row(3, 2, 2), Row(2, 2, 2), Row(0, null, null), Row(6, 5, 5), Row(9, null, null)));
    }

    [Fact]
    [Goal("3.2-2")]
    public void A_value_from_after_the_label_time_is_named_as_from_the_future()
    {
        var violation = Assert.Single(Audit(Row(3, 5, 5)));
        Assert.Equal((0, "s", ViolationKind.FromTheFuture), (violation.Row, violation.View, violation.Kind));
    }

    [Fact]
    [Goal("3.2-2")]
    public void Stale_missing_expired_and_altered_values_are_each_named()
    {
        var violations = Audit(Row(3, 1, 1), Row(3, null, null), Row(8, 5, 5), Row(3, 2.5, 2));
        Assert.Equal([ViolationKind.NotTheLatest, ViolationKind.Missing, ViolationKind.OlderThanTtl, ViolationKind.WrongValues], violations.Select(v => v.Kind));
        Assert.Equal([0, 1, 2, 3], violations.Select(v => v.Row));
        Assert.Contains("the source says 2", violations[3].Detail, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("3.2-2")]
    public void A_joined_row_the_source_does_not_have_is_named()
    {
        var violation = Assert.Single(Audit(Row(4, 3, 3)));
        Assert.Equal(ViolationKind.WrongValues, violation.Kind);
        Assert.Contains("does not have", violation.Detail, StringComparison.Ordinal);
    }
}
