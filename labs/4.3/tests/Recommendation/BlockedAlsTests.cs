using StatelessMind.Dataflow;
using StatelessMind.Labs.MassiveData.Recommendation;

namespace StatelessMind.Labs.MassiveData.Tests.Recommendation;

/// <summary>Exercise 4.3-3b: routing factors between blocks; the blocked ALS equals the unblocked one.</summary>
public sealed class BlockedAlsTests
{
    [Fact]
    [Goal("4.3-3")]
    public void Each_destination_block_gets_the_distinct_ids_it_needs()
    {
        var routes = BlockedAls.DestinationIds([(5, 1), (3, 1), (5, 1), (9, 0), (3, 2)]);
        Assert.Equal([3, 5], routes[1]);
        Assert.Equal([9], routes[0]);
        Assert.Equal([3], routes[2]);
    }

    [Theory]
    [Goal("4.3-3")]
    [InlineData(1)]
    [InlineData(3)]
    public void Blocked_als_on_the_layer_computes_the_unblocked_factors(int blocks)
    {
        var (train, _) = RatingGenerator.Split(new RatingGenerator(120, 60, 3, 0.3, 5).Generate());
        var options = new AlsOptions { Rank = 4, Lambda = 0.1, Iterations = 3, Blocks = blocks };
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var blocked = BlockedAls.Train(ctx.Parallelize(train, 4), options);
        var reference = UnblockedAls.Train(train, options);
        Assert.True(blocked.MaxFactorDifference(reference) < 1e-9, $"difference {blocked.MaxFactorDifference(reference)}");
        Assert.Equal(train.Select(r => r.User).Distinct().Count(), blocked.UserFactors.Count);
    }

    [Fact]
    [Goal("4.3-3")]
    public void Planted_bug_routing_that_skips_a_block_is_caught()
    {
        var (train, _) = RatingGenerator.Split(new RatingGenerator(120, 60, 3, 0.3, 5).Generate());
        var options = new AlsOptions { Rank = 4, Iterations = 2, Blocks = 3, Bug = AlsBug.RoutingSkipsLastBlock };
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var blocked = BlockedAls.Train(ctx.Parallelize(train, 4), options);
        Assert.True(blocked.MaxFactorDifference(UnblockedAls.Train(train, options with { Bug = AlsBug.None })) > 1e-3);
    }
}
