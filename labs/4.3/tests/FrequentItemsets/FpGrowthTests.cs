using StatelessMind.Dataflow;
using StatelessMind.Labs.MassiveData.FrequentItemsets;

namespace StatelessMind.Labs.MassiveData.Tests.FrequentItemsets;

/// <summary>Exercises 4.3-1d (the FP-tree) and 4.3-1e (mining it).</summary>
public sealed class FpGrowthTests
{
    // The five transactions of Han, Pei and Yin's paper (items f=1 c=2 a=3 b=4 m=5 p=6, the rest rare), min support 3.
    private static readonly int[][] Paper =
    [
        [1, 3, 2, 10, 11, 5, 6], [3, 4, 2, 1, 12, 5, 13], [4, 1, 14, 15, 16], [4, 2, 17, 18, 6], [3, 1, 2, 19, 12, 6, 5],
    ];

    [Fact]
    [Goal("4.3-1")]
    public void The_tree_shares_prefixes_in_support_order()
    {
        var tree = FpGrowth.Tree.Build(Paper.Select(t => (t, 1L)), 3);
        Assert.Equal([1, 2, 3, 4, 5, 6], tree.ItemsBySupport.Order());
        Assert.Equal(4, tree.Support[1]);
        Assert.Equal(4, tree.Support[2]);
        var f = tree.Root.Children[1];
        Assert.Equal(4, f.Count);              // f is first in four transactions
        Assert.Equal(3, f.Children[2].Count);  // f-c shared by three
        var nodesOfP = 0;
        for (var n = tree.Heads[6]; n is not null; n = n.NextSameItem) nodesOfP++;
        Assert.Equal(2, nodesOfP);             // p hangs under f-c-a-m and under c-b
    }

    [Fact]
    [Goal("4.3-1")]
    public void Mining_the_papers_example_gives_its_frequent_patterns()
    {
        var fp = FpGrowth.Mine(Paper, 3);
        Assert.True(fp.SameItemsetsAs(BruteForceItemsets.Find(Paper, 3)));
        Assert.Equal(3, fp.Support[ItemSet.Of(1, 2, 3, 5)]); // f c a m
        Assert.Equal(3, fp.Support[ItemSet.Of(2, 6)]);       // c p
    }

    [Fact]
    [Goal("4.3-1")]
    public void Fp_growth_and_apriori_agree_on_larger_data()
    {
        var baskets = BasketGenerator.Generate(5000, 200, 40, 2.0, 11);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var apriori = Apriori.Run(ctx.Parallelize(baskets, 4), 50);
        var fp = FpGrowth.Mine(baskets, 50);
        Assert.True(apriori.Support.Count > 50);
        Assert.True(fp.SameItemsetsAs(apriori));
    }
}
