using StatelessMind.Dataflow;
using StatelessMind.Labs.MassiveData.FrequentItemsets;

namespace StatelessMind.Labs.MassiveData.Tests.FrequentItemsets;

/// <summary>Exercises 4.3-1a (join and prune) and 4.3-1b (support counting per partition), and Apriori against brute force.</summary>
public sealed class AprioriTests
{
    private static ItemSet S(params int[] items) => ItemSet.Of(items);

    [Fact]
    [Goal("4.3-1")]
    public void The_join_pairs_sets_sharing_all_but_their_last_item_and_pruning_drops_those_with_an_infrequent_subset()
    {
        // Frequent pairs: {1,2} {1,3} {1,4} {2,3} {3,4}; {2,4} is not frequent.
        ItemSet[] pairs = [S(1, 2), S(1, 3), S(1, 4), S(2, 3), S(3, 4)];
        var joined = Apriori.Join(pairs, 3);
        Assert.Equal([S(1, 2, 3), S(1, 2, 4), S(1, 3, 4)], joined.Order());
        var pruned = Apriori.Prune(joined, pairs.ToHashSet());
        Assert.Equal([S(1, 2, 3), S(1, 3, 4)], pruned.Order()); // {1,2,4} has the infrequent subset {2,4}
        Assert.Equal([S(1, 2), S(1, 3), S(2, 3)], Apriori.Join([S(1), S(2), S(3)], 2).Order());
    }

    [Fact]
    [Goal("4.3-1")]
    public void Counting_in_a_partition_matches_counting_subsets_by_hand()
    {
        int[][] baskets = [[1, 2, 3], [1, 2], [2, 3, 4, 5, 6, 7], [1, 3]];
        ItemSet[] candidates = [S(1, 2), S(1, 3), S(2, 3), S(6, 7)];
        var counts = Apriori.CountInPartition(baskets, candidates, 2).ToDictionary(c => c.Set, c => c.Count);
        Assert.Equal(new Dictionary<ItemSet, long> { [S(1, 2)] = 2, [S(1, 3)] = 2, [S(2, 3)] = 2, [S(6, 7)] = 1 }, counts);
    }

    [Theory]
    [Goal("4.3-1")]
    [InlineData(1, 30)]
    [InlineData(4, 30)]
    [InlineData(7, 80)]
    public void Apriori_on_partitioned_baskets_finds_what_brute_force_finds(int partitions, long minSupport)
    {
        var baskets = BasketGenerator.Generate(600, 10, 6, 1.0, 3);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var apriori = Apriori.Run(ctx.Parallelize(baskets, partitions), minSupport);
        var brute = BruteForceItemsets.Find(baskets, minSupport);
        Assert.True(apriori.SameItemsetsAs(brute), $"Apriori {apriori.Support.Count} sets, brute force {brute.Support.Count}");
        Assert.True(brute.Support.Keys.Any(s => s.Count >= 3), "the data should have frequent triples");
        foreach (var pass in apriori.Passes.Skip(1))
            Assert.Equal(BruteForceItemsets.CandidatesOfSize(brute, pass.K).Count, pass.CandidatesAfterPruning);
    }

    [Fact]
    [Goal("4.3-1")]
    public void Planted_bugs_a_strict_threshold_and_no_pruning_are_caught()
    {
        var baskets = BasketGenerator.Generate(600, 10, 6, 1.0, 3);
        var brute = BruteForceItemsets.Find(baskets, 30);
        var exact = brute.Support.Values.OrderDescending().Skip(3).First();
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var strict = Apriori.Run(ctx.Parallelize(baskets, 3), exact, bug: AprioriBug.StrictSupportThreshold);
        Assert.False(strict.SameItemsetsAs(BruteForceItemsets.Find(baskets, exact)));
        var unpruned = Apriori.Run(ctx.Parallelize(baskets, 3), 30, bug: AprioriBug.NoSubsetPruning);
        Assert.True(unpruned.SameItemsetsAs(brute), "without pruning the answer is still right …");
        Assert.Contains(unpruned.Passes.Skip(1), p => p.CandidatesAfterPruning != BruteForceItemsets.CandidatesOfSize(brute, p.K).Count); // … but the candidate check fails
    }

    [Fact]
    [Goal("4.3-1")]
    public void The_sql_expressible_pass_lists_the_frequent_pairs_in_order()
    {
        var baskets = BasketGenerator.Generate(400, 10, 6, 1.0, 5);
        var brute = BruteForceItemsets.Find(baskets, 25);
        var job = new SupportCountingJob(25);
        var rows = job.CanonicalRows(brute);
        Assert.Equal(brute.Support.Count(kv => kv.Key.Count == 2), rows.Count);
        Assert.Equal(rows.Order(StringComparer.Ordinal).Count(), rows.Count);
        Assert.Contains("HAVING count(*) >= 25", job.SparkSql("baskets"), StringComparison.Ordinal);
    }
}
