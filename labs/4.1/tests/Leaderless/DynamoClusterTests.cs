using StatelessMind.Labs.DatabaseTheory.Leaderless;

namespace StatelessMind.Labs.DatabaseTheory.Tests.Leaderless;

/// <summary>Tasks 4.1-2a and 4.1-2b on one key: when a quorum write is acknowledged, what a quorum read answers, read repair.</summary>
public sealed class DynamoClusterTests
{
    private const string Key = "k";

    private static (bool? Result, long At) Write(DynamoCluster cluster, string value, int coordinator = 0)
    {
        bool? result = null;
        cluster.Put(coordinator, Key, value, null, ok => result = ok);
        cluster.Scheduler.RunUntil(() => result is not null, cluster.Scheduler.Now + 1_000_000);
        return (result, cluster.Scheduler.Now);
    }

    private static ReadResult Read(DynamoCluster cluster, int coordinator = 0)
    {
        ReadResult? result = null;
        cluster.Get(coordinator, Key, r => result = r);
        cluster.Scheduler.RunUntil(() => result is not null, cluster.Scheduler.Now + 1_000_000);
        return result!;
    }

    [Fact]
    [Goal("4.1-2")]
    public void A_write_is_acknowledged_once_W_replicas_hold_it_and_times_out_when_they_cannot()
    {
        var cluster = new DynamoCluster(new DynamoOptions { W = 3, SlowChance = 0 }, seed: 1);
        Assert.True(Write(cluster, "v1").Result);
        Assert.All(cluster.PreferenceList(Key), r => Assert.Equal("v1", cluster.Peek(r, Key)?.Value)); // W = N: every replica had it at the ack

        var strict = new DynamoCluster(new DynamoOptions { W = 2, SloppyQuorum = false }, seed: 1);
        var replicas = strict.PreferenceList(Key);
        strict.Fail(replicas[1]);
        strict.Fail(replicas[2]);
        var coordinator = Enumerable.Range(0, strict.Options.Nodes).First(strict.IsUp);
        var (result, at) = Write(strict, "v1", coordinator);
        Assert.False(result);
        Assert.True(at >= strict.Options.RequestTimeout, "refused only at the request timeout");
    }

    [Fact]
    [Goal("4.1-2")]
    public void A_sloppy_write_lands_on_a_fallback_with_a_hint_and_reaches_the_replica_after_it_returns()
    {
        var cluster = new DynamoCluster(new DynamoOptions { W = 3 }, seed: 2);
        var replica = cluster.PreferenceList(Key)[2];
        cluster.Fail(replica);
        Assert.True(Write(cluster, "v1", coordinator: cluster.PreferenceList(Key)[0]).Result);
        Assert.Equal(1, cluster.HintsStored);
        cluster.Recover(replica);
        cluster.Scheduler.RunFor(200_000);
        Assert.Equal("v1", cluster.Peek(replica, Key)?.Value);
        Assert.Equal(1, cluster.HintsHandedOff);
    }

    [Fact]
    [Goal("4.1-2")]
    public void A_read_answers_with_the_newest_of_R_replies_and_fails_without_a_quorum()
    {
        var cluster = new DynamoCluster(new DynamoOptions { R = 3, W = 1, SlowChance = 0, SloppyQuorum = false, HintedHandoff = false }, seed: 3);
        Write(cluster, "v1");
        cluster.Scheduler.RunFor(50_000);
        var replicas = cluster.PreferenceList(Key);
        cluster.Fail(replicas[1]); // replica 1 misses v2
        Write(cluster, "v2", coordinator: replicas[0]);
        cluster.Recover(replicas[1]);
        cluster.Scheduler.RunFor(50_000);
        Assert.Equal("v1", cluster.Peek(replicas[1], Key)?.Value);
        Assert.Equal("v2", Read(cluster).Value); // R = 3 replies, one stale: the newest wins

        var down = new DynamoCluster(new DynamoOptions { R = 2, SloppyQuorum = false }, seed: 3);
        foreach (var r in down.PreferenceList(Key).Skip(1)) down.Fail(r);
        Assert.False(Read(down, coordinator: down.PreferenceList(Key)[0]).Ok);
    }

    [Theory]
    [InlineData(LeaderlessBug.None, "v2")]
    [InlineData(LeaderlessBug.SkipReadRepair, "v1")]
    [Goal("4.1-2")]
    public void A_read_repairs_the_stale_replica_it_saw_and_a_planted_read_without_repair_leaves_it_stale(LeaderlessBug bug, string afterRead)
    {
        var cluster = new DynamoCluster(new DynamoOptions { R = 3, W = 2, SloppyQuorum = false, HintedHandoff = false, Bug = bug }, seed: 4);
        var replicas = cluster.PreferenceList(Key);
        Write(cluster, "v1", coordinator: replicas[0]);
        cluster.Scheduler.RunFor(50_000);
        cluster.Fail(replicas[2]);
        Assert.True(Write(cluster, "v2", coordinator: replicas[0]).Result); // W = 2 without replica 2
        cluster.Recover(replicas[2]);
        cluster.Scheduler.RunFor(200_000);
        Assert.Equal("v1", cluster.Peek(replicas[2], Key)?.Value); // no hint, no handoff: it stays behind
        Assert.Equal("v2", Read(cluster, coordinator: replicas[0]).Value);
        cluster.Scheduler.RunFor(50_000);
        Assert.Equal(afterRead, cluster.Peek(replicas[2], Key)?.Value);
    }
}
