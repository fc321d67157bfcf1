using StatelessMind.Labs.DatabaseTheory.Leaderless;

namespace StatelessMind.Labs.DatabaseTheory.Tests.Leaderless;

/// <summary>Conflicting writes: last-writer-wins silently drops one of two concurrent writes, and a write made later through a
/// coordinator whose clock runs behind; vector clocks keep both concurrent writes as siblings and order the skewed ones by
/// causality. A planted clock comparison that orders concurrent versions is caught.</summary>
public sealed class ConflictingWritesTests(ITestOutputHelper output)
{
    private const int Trials = 100;

    private void Print(ConflictOutcome o) =>
        output.WriteLine($"{o.Scenario}, {o.Versioning}: {o.WritesLost} of {o.WritesAcknowledged} acknowledged writes lost; {o.ReadsWithSiblings} final reads with siblings; {o.FailedReads} failed reads");

    [Fact]
    [Goal("4.1-2")]
    public void Last_writer_wins_loses_one_of_two_concurrent_writes_and_vector_clocks_keep_both_as_siblings()
    {
        var lww = LeaderlessProbe.ConcurrentWriters(new DynamoOptions { R = 2, W = 2 }, Trials, seed: 5);
        var vc = LeaderlessProbe.ConcurrentWriters(new DynamoOptions { R = 2, W = 2, Versioning = VersioningMode.VectorClocks }, Trials, seed: 5);
        Print(lww);
        Print(vc);
        Assert.Equal((0, 0), (lww.FailedReads, vc.FailedReads));
        Assert.Equal(2 * Trials, lww.WritesAcknowledged);
        Assert.Equal(Trials, lww.WritesLost); // every trial: both acknowledged, one kept
        Assert.Equal(0, lww.ReadsWithSiblings);
        Assert.Equal(2 * Trials, vc.WritesAcknowledged);
        Assert.Equal(0, vc.WritesLost);
        Assert.Equal(Trials, vc.ReadsWithSiblings);
    }

    [Fact]
    [Goal("4.1-2")]
    public void A_later_write_through_a_coordinator_with_a_slow_clock_loses_under_last_writer_wins_and_wins_under_vector_clocks()
    {
        var lww = LeaderlessProbe.SkewedClock(new DynamoOptions { R = 2, W = 2 }, Trials, seed: 6, skewMs: 50);
        var vc = LeaderlessProbe.SkewedClock(new DynamoOptions { R = 2, W = 2, Versioning = VersioningMode.VectorClocks }, Trials, seed: 6, skewMs: 50);
        Print(lww);
        Print(vc);
        Assert.Equal((0, 0), (lww.FailedReads, vc.FailedReads));
        Assert.Equal(Trials, lww.WritesLost);
        Assert.Equal(0, vc.WritesLost);
        Assert.Equal(0, vc.ReadsWithSiblings); // causally ordered: no conflict to show
        var noSkew = LeaderlessProbe.SkewedClock(new DynamoOptions { R = 2, W = 2 }, Trials, seed: 6, skewMs: 0);
        Assert.Equal(0, noSkew.WritesLost); // the loss is the skew's doing
    }

    [Fact]
    [Goal("4.1-2")]
    public void A_planted_clock_comparison_that_orders_concurrent_versions_loses_a_sibling()
    {
        var buggy = LeaderlessProbe.ConcurrentWriters(
            new DynamoOptions { R = 2, W = 2, Versioning = VersioningMode.VectorClocks, Bug = LeaderlessBug.ConcurrentVersionsOrderedBySum }, Trials, seed: 5);
        Print(buggy);
        Assert.True(buggy.WritesLost > 0, "ordering concurrent clocks by their sums drops one of the two writes");
    }
}
