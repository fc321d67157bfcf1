using StatelessMind.Labs.Reliability.PointInTimeRecovery;

namespace StatelessMind.Labs.Reliability.Tests;

/// <summary>
/// One archiving source cluster with a base backup, a recorded workload and a DROP TABLE accident, and
/// the 1.1.1-4 experiment run once against it at small scale (five restores, two damaged archives).
/// </summary>
public sealed class PitrFixture : IAsyncLifetime
{
    private readonly ExperimentServices _services = new();

    public PitrSession Session { get; private set; } = null!;
    public PitrExperiment Experiment { get; } = new();
    public Finding Finding { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Session = await PitrSession.StartAsync(PitrExperiment.OptionsFor(Scale.Small));
        Finding = await Experiment.RunAsync(ExperimentContext.ForTest(_services, "1.1.1-4"), Session, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Session.DisposeAsync();
        await _services.DisposeAsync();
    }
}

/// <summary>1.1.1-4: point-in-time recovery on real PostgreSQL, to four kinds of target, and from damaged archives.</summary>
public sealed class PitrTests(PitrFixture fixture, ITestOutputHelper output) : IClassFixture<PitrFixture>
{
    [Theory]
    [Goal("1.1.1-4")]
    [InlineData(RecoveryTargetKind.Time)]
    [InlineData(RecoveryTargetKind.Lsn)]
    [InlineData(RecoveryTargetKind.Name)]
    [InlineData(RecoveryTargetKind.Xid)]
    public void A_restore_holds_exactly_the_transactions_committed_before_its_target(RecoveryTargetKind kind)
    {
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
    public void The_targets_cut_at_the_transactions_they_were_chosen_at()
    {
        var n = fixture.Session.History.Count;
        var cuts = fixture.Experiment.Restores.ToDictionary(r => r.Description, r => r.Expected.Count);
        foreach (var (k, v) in cuts) output.WriteLine($"{k}: {v} transactions");
        Assert.Equal(n / 4, fixture.Experiment.Restores.Single(r => r.Target.Kind == RecoveryTargetKind.Time).Expected.Count);
        Assert.Equal(n / 2 - 3, fixture.Experiment.Restores.Single(r => r.Target.Kind == RecoveryTargetKind.Lsn).Expected.Count);
        Assert.Equal(7 * n / 8, fixture.Experiment.Restores.Single(r => r.Target.Kind == RecoveryTargetKind.Xid).Expected.Count);
        Assert.Equal(fixture.Session.RestorePoints.Values.Where(v => v < n).Single(), fixture.Experiment.Restores.First(r => r.Target.Kind == RecoveryTargetKind.Name).Expected.Count);
    }

    [Fact]
    [Goal("1.1.1-4")]
    public void The_restore_point_before_the_accident_brings_back_the_dropped_table()
    {
        var restore = fixture.Experiment.Restores.Single(r => r.Target.Value == PitrSession.BeforeAccident);
        output.WriteLine($"{restore.Restored?.Count} rows back, recovery {restore.Duration.TotalSeconds:0.00} s");
        Assert.Equal(Enumerable.Range(1, fixture.Session.History.Count), restore.Restored);
    }

    [Fact]
    [Goal("1.1.1-4")]
    public void A_missing_WAL_segment_gives_a_clear_error_naming_it()
    {
        var missing = fixture.Experiment.Damaged.Single(d => d.Damage == "segment deleted");
        output.WriteLine(missing.Preflight?.Message);
        output.WriteLine(missing.Server?.Message);
        var preflight = Assert.IsType<WalSegmentMissingException>(missing.Preflight);
        Assert.Equal(missing.Segment, preflight.Segment);
        Assert.Contains($"WAL segment {missing.Segment} is missing from the archive", preflight.Message);
        Assert.Contains("the archive jumps from", preflight.Message);
        // With the check off, PostgreSQL ends recovery early; the restore reads its log back to the same segment.
        Assert.NotNull(missing.Server);
        Assert.Equal(missing.Segment, missing.Server.Segment);
        Assert.Contains("recovery ended before configured recovery target was reached", missing.Server.Reason);
    }

    [Fact]
    [Goal("1.1.1-4")]
    public void A_corrupt_WAL_segment_gives_a_clear_error_naming_it_and_the_record()
    {
        var corrupt = fixture.Experiment.Damaged.Single(d => d.Damage == "one byte flipped");
        output.WriteLine(corrupt.Preflight?.Message);
        output.WriteLine(corrupt.Server?.Message);
        var preflight = Assert.IsType<WalSegmentCorruptException>(corrupt.Preflight);
        Assert.Equal(corrupt.Segment, preflight.Segment);
        Assert.Contains("CRC-32C mismatch", preflight.Message);
        Assert.Equal(corrupt.Segment, WalSegmentName.Containing(preflight.Position).ToString());
        Assert.NotNull(corrupt.Server);
        Assert.Equal(corrupt.Segment, corrupt.Server.Segment);
    }

    [Fact]
    [Goal("1.1.1-4")]
    public void The_intact_archive_passes_the_check_from_the_backup_on()
    {
        var report = fixture.Session.Archive.Verify(fixture.Session.BackupStartSegment);
        output.WriteLine($"{report.FirstSegment} … {report.LastSegment}: {report.Segments} segments, {report.Pages} pages, {report.Records} records");
        Assert.Equal(fixture.Session.BackupStartSegment.ToString(), report.FirstSegment);
        Assert.True(report.Segments >= fixture.Session.History.Count / 16);
        Assert.True(report.Records > fixture.Session.History.Count * 2); // at least an insert and a commit each
    }

    [Fact]
    [Goal("1.1.1-4")]
    public void Segment_names_and_LSNs_convert_both_ways()
    {
        Assert.Equal("000000010000000000000003", WalSegmentName.Containing(Lsn.Parse("0/3000028")).ToString());
        Assert.Equal("0000000100000001000000FF", WalSegmentName.Containing(Lsn.Parse("1/FF123456")).ToString());
        var name = WalSegmentName.Parse("00000002000000030000000A");
        Assert.Equal(2u, name.Timeline);
        Assert.Equal("00000002000000030000000B", name.Next.ToString());
        Assert.Equal("00000002000000040000000000".Length - 2, name.Next.ToString().Length);
        Assert.Equal("3/A000000", Lsn.Format(name.StartLsn));
        Assert.Throws<FormatException>(() => Lsn.Parse("not-an-lsn"));
        Assert.Throws<FormatException>(() => WalSegmentName.Parse("0000000100000000000000"));
    }

    [Fact]
    [Goal("1.1.1-4")]
    public void Experiment_at_small_scale_restores_every_target_exactly()
    {
        foreach (var row in fixture.Finding.Tables.SelectMany(t => t.Rows)) output.WriteLine(string.Join(" | ", row));
        foreach (var note in fixture.Finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, fixture.Finding.Verdict);
        Assert.Equal(5, fixture.Finding.FigureNamed("restores exact")!.Value);
        Assert.Equal(2, fixture.Finding.FigureNamed("damaged segments named")!.Value);
    }
}
