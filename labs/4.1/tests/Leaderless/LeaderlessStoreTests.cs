using StatelessMind.Labs.DatabaseTheory.Leaderless;

namespace StatelessMind.Labs.DatabaseTheory.Tests.Leaderless;

/// <summary>The Dynamo-style store: quorum intersection, convergence, sloppy quorums and hinted handoff. Every read a probe
/// attempted must have answered: a stale read cannot hide among failed ones.</summary>
public sealed class LeaderlessStoreTests(ITestOutputHelper output)
{
    private static readonly double[] Delays = [0, 2, 5, 10, 20, 50, 200];
    private const int Trials = 150;

    private void Print(IEnumerable<StaleReadPoint> points)
    {
        foreach (var p in points)
            output.WriteLine($"{p.Config} read {p.DelayMs} ms after the ack: {p.Stale}/{p.Reads} stale ({p.StalePercent:0.#}%), {p.FailedReads} failed, {p.WritesRefused} writes refused");
    }

    private static void AssertEveryReadAnswered(IReadOnlyList<StaleReadPoint> points, int trials) =>
        Assert.All(points, p =>
        {
            Assert.Equal(0, p.FailedReads);
            Assert.Equal(0, p.WritesRefused);
            Assert.Equal(trials, p.Reads);
        });

    [Fact]
    [Goal("4.1-2")]
    public void With_R_plus_W_above_N_no_read_is_stale()
    {
        foreach (var (r, w) in new[] { (2, 2), (1, 3), (3, 1) })
        {
            var points = LeaderlessProbe.StaleReadsOverTime(new DynamoOptions { R = r, W = w }, Delays, Trials, seed: 1);
            Print(points);
            AssertEveryReadAnswered(points, Trials);
            Assert.All(points, p => Assert.Equal(0, p.Stale));
        }
    }

    [Fact]
    [Goal("4.1-2")]
    public void A_planted_read_quorum_that_answers_from_the_first_reply_serves_stale_reads_although_R_plus_W_is_above_N()
    {
        var points = LeaderlessProbe.StaleReadsOverTime(new DynamoOptions { R = 2, W = 2, Bug = LeaderlessBug.ReadAnswersFirstReply }, Delays, Trials, seed: 1);
        Print(points);
        AssertEveryReadAnswered(points, Trials);
        Assert.True(points[0].Stale > 0, "a read that does not wait for R replies no longer meets every write quorum");
    }

    [Fact]
    [Goal("4.1-2")]
    public void With_R_plus_W_at_most_N_reads_are_stale_at_first_and_converge()
    {
        var points = LeaderlessProbe.StaleReadsOverTime(new DynamoOptions { R = 1, W = 1 }, Delays, trials: 300, seed: 2);
        Print(points);
        AssertEveryReadAnswered(points, 300);
        Assert.True(points[0].StalePercent > 10, "right after a W=1 acknowledgement, an R=1 read should often miss the write");
        Assert.True(points[^2].StalePercent < points[0].StalePercent, "stale reads become rarer as replication catches up");
        Assert.Equal(0, points[^1].Stale); // 200 ms later every replica has it
    }

    [Fact]
    [Goal("4.1-2")]
    public void Replicas_converge_after_a_write_without_any_read()
    {
        var freshness = LeaderlessProbe.ReplicaFreshness(new DynamoOptions { R = 1, W = 1, ReadRepair = false }, Delays, trials: 200, seed: 3);
        foreach (var (d, f) in freshness) output.WriteLine($"{d} ms after a W=1 ack: {f:0.#}% of replicas hold the write");
        Assert.InRange(freshness[0].FreshPercent, 33, 99.9);
        Assert.Equal(100, freshness[^1].FreshPercent, 3);
    }

    [Fact]
    [Goal("4.1-2")]
    public void A_sloppy_quorum_stays_available_during_an_outage_but_can_serve_stale_reads_until_hinted_handoff()
    {
        var sloppy = LeaderlessProbe.Outage(new DynamoOptions { R = 2, W = 2, SloppyQuorum = true }, Trials, seed: 4);
        var strict = LeaderlessProbe.Outage(new DynamoOptions { R = 2, W = 2, SloppyQuorum = false }, Trials, seed: 4);
        foreach (var o in new[] { sloppy, strict })
            output.WriteLine($"{o.Mode}: {o.WritesAccepted}/{o.Trials} writes accepted with 2 of 3 replicas down; stale reads right after recovery " +
                             $"{o.StaleRightAfterRecovery}/{o.ReadsChecked}, after handoff {o.StaleAfterHandoff}/{o.ReadsChecked}; failed reads {o.FailedReads}; hints handed off {o.HintsHandedOff}");
        Assert.Equal(sloppy.Trials, sloppy.WritesAccepted);
        Assert.Equal(0, sloppy.FailedReads);
        Assert.Equal(sloppy.WritesAccepted, sloppy.ReadsChecked);
        Assert.True(sloppy.StaleRightAfterRecovery > 0, "R + W > N does not protect a sloppy quorum: the read quorum can miss the fallbacks");
        Assert.Equal(0, sloppy.StaleAfterHandoff);
        Assert.True(sloppy.HintsHandedOff > 0);
        Assert.Equal(0, strict.WritesAccepted); // two of three replicas down: W = 2 cannot be met
    }
}
