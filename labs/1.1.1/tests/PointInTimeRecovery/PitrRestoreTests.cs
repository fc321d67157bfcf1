using StatelessMind.Labs.Reliability.PointInTimeRecovery;

namespace StatelessMind.Labs.Reliability.Tests.PointInTimeRecovery;

/// <summary>1.1.1-4e: point-in-time restores on real PostgreSQL, to four kinds of target, from damaged archives, and with a planted bug.</summary>
[Collection(PitrCollection.Name)]
public sealed class PitrRestoreTests(PitrFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [Goal("1.1.1-4")]
    [InlineData(RecoveryTargetKind.Time)]
    [InlineData(RecoveryTargetKind.Lsn)]
    [InlineData(RecoveryTargetKind.Name)]
    [InlineData(RecoveryTargetKind.Xid)]
    public async Task A_restore_holds_exactly_the_transactions_committed_before_its_target(RecoveryTargetKind kind)
    {
        await fixture.FindingAsync();
        var restore = fixture.Experiment.Restores.First(r => r.Target.Kind == kind);
        output.WriteLine($"{restore.Description} ({restore.Target}): expected {restore.Expected.Count}, restored {restore.Restored?.Count}, " +
                         $"recovery {restore.Duration.TotalSeconds:0.00} s, {restore.SegmentsRestored} segments replayed");
        // The expected set is 1..k for the k the target was chosen at: nothing after, nothing missing.
        Assert.NotNull(restore.Restored);
        Assert.Equal(Enumerable.Range(1, restore.Expected.Count), restore.Restored);
        Assert.Equal(restore.Expected, restore.Restored);
        Assert.InRange(restore.Expected.Count, 1, fixture.Session.History.Count - 1); // a real cut, not all or nothing
    }

    [Fact]
    [Goal("1.1.1-4")]
    public async Task The_targets_cut_at_the_transactions_they_were_chosen_at()
    {
        await fixture.FindingAsync();
        var n = fixture.Session.History.Count;
        foreach (var r in fixture.Experiment.Restores) output.WriteLine($"{r.Description}: {r.Expected.Count} transactions");
        Assert.Equal(n / 4, fixture.Experiment.Restores.Single(r => r.Target.Kind == RecoveryTargetKind.Time).Expected.Count);
        Assert.Equal(n / 2 - 3, fixture.Experiment.Restores.Single(r => r.Target.Kind == RecoveryTargetKind.Lsn).Expected.Count);
        Assert.Equal(7 * n / 8, fixture.Experiment.Restores.Single(r => r.Target.Kind == RecoveryTargetKind.Xid).Expected.Count);
        Assert.Equal(fixture.Session.RestorePoints.Values.Where(v => v < n).Single(), fixture.Experiment.Restores.First(r => r.Target.Kind == RecoveryTargetKind.Name).Expected.Count);
    }

    [Fact]
    [Goal("1.1.1-4")]
    public async Task The_restore_point_before_the_accident_brings_back_the_dropped_table()
    {
        await fixture.FindingAsync();
        var restore = fixture.Experiment.Restores.Single(r => r.Target.Value == PitrSession.BeforeAccident);
        output.WriteLine($"{restore.Restored?.Count} rows back, recovery {restore.Duration.TotalSeconds:0.00} s");
        Assert.Equal(Enumerable.Range(1, fixture.Session.History.Count), restore.Restored);
    }

    [Fact]
    [Goal("1.1.1-4")]
    public async Task A_restore_that_ignores_its_target_is_caught_by_the_exactness_check()
    {
        var finding = await fixture.FindingAsync();
        var careless = fixture.Experiment.PlantedBug!;
        output.WriteLine($"{careless.Description}: expected {careless.Expected.Count}, restored {(careless.Restored is null ? "no table" : careless.Restored.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        Assert.False(careless.Exact);
        Assert.Null(careless.Restored); // it replayed to the end of the archive, DROP TABLE included
        Assert.Contains(finding.Notes, n => n.StartsWith("✔ the exactness check catches a restore that ignores its target", StringComparison.Ordinal));
    }

    [Fact]
    [Goal("1.1.1-4")]
    public async Task With_the_check_off_PostgreSQL_stops_at_a_missing_segment_and_its_log_names_it()
    {
        await fixture.FindingAsync();
        var missing = fixture.Experiment.Damaged.Single(d => d.Damage == "segment deleted");
        output.WriteLine(missing.Preflight?.Message);
        output.WriteLine(missing.Server?.Message);
        var preflight = Assert.IsType<WalSegmentMissingException>(missing.Preflight);
        Assert.Equal(missing.Segment, preflight.Segment);
        // With the check off, PostgreSQL ends recovery early; the restore reads its log back to the same segment.
        Assert.NotNull(missing.Server);
        Assert.Equal(missing.Segment, missing.Server.Segment);
        Assert.Contains("recovery ended before configured recovery target was reached", missing.Server.Reason);
    }

    [Fact]
    [Goal("1.1.1-4")]
    public async Task With_the_check_off_PostgreSQL_stops_at_a_corrupt_record_and_its_log_names_the_segment()
    {
        await fixture.FindingAsync();
        var corrupt = fixture.Experiment.Damaged.Single(d => d.Damage == "one byte flipped");
        output.WriteLine(corrupt.Preflight?.Message);
        output.WriteLine(corrupt.Server?.Message);
        var preflight = Assert.IsType<WalSegmentCorruptException>(corrupt.Preflight);
        Assert.Equal(corrupt.Segment, WalSegmentName.Containing(preflight.Position).ToString());
        Assert.NotNull(corrupt.Server);
        Assert.Equal(corrupt.Segment, corrupt.Server.Segment);
    }

    [Fact]
    [Goal("1.1.1-4")]
    public async Task Experiment_at_small_scale_restores_every_target_exactly()
    {
        var finding = await fixture.FindingAsync();
        output.WriteLine(finding.Summary);
        foreach (var row in finding.Tables.SelectMany(t => t.Rows)) output.WriteLine(string.Join(" | ", row));
        foreach (var note in finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.All(fixture.Experiment.Restores, r => Assert.True(r.Exact, r.Description));
        Assert.Equal(5, fixture.Experiment.Restores.Count);
        Assert.All(fixture.Experiment.Damaged, d => Assert.True(d.NamedByPreflight && d.NamedByServer, d.Damage));
    }
}
