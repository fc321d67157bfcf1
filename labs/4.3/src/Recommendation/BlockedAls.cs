using StatelessMind.Dataflow;

namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>
/// Blocked ALS on the dataflow layer, the design of Spark MLlib's ALS: users and items are cut into blocks; each
/// block keeps an in-block (its members and their ratings) and an out-block (for every block of the other side, which
/// of its members' factors that block needs). An update sends each factor block only where it is needed — one shuffle
/// of factor messages per half-iteration — and solves every member's normal equations inside its own block's task.
/// </summary>
public static class BlockedAls
{
    /// <summary>A block's members, and for each the ids of what it rated (sorted) and its centred ratings.</summary>
    public sealed record InBlock(int[] Ids, int[][] Rated, double[][] Ratings);

    /// <summary>For each destination block, the ids of this block's members that the destination needs.</summary>
    public sealed record OutBlock(IReadOnlyDictionary<int, int[]> IdsByDestination);

    /// <summary>Factors of a block's members.</summary>
    public sealed record FactorBlock(int[] Ids, double[][] Factors);

    /// <summary>Trains on <paramref name="train"/>; <paramref name="afterIteration"/> sees the model after each iteration.</summary>
    public static AlsModel Train(Dataset<Rating> train, AlsOptions options, Action<int, AlsModel>? afterIteration = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var blocks = new BlockPartitioner(options.Blocks);
        var sums = train.RunPerPartition("rating mean", (_, rs) => rs.Aggregate((Sum: 0.0, Count: 0L), (a, r) => (a.Sum + r.Value, a.Count + 1)));
        var mean = sums.Sum(s => s.Sum) / Math.Max(1, sums.Sum(s => s.Count));
        var b = options.Blocks;

        var userIn = InBlocks(train.Map(r => (BlockPartitioner.BlockOf(r.User, b), (r.User, r.Item, r.Value - mean))), blocks);
        var itemIn = InBlocks(train.Map(r => (BlockPartitioner.BlockOf(r.Item, b), (r.Item, r.User, r.Value - mean))), blocks);
        var userOut = OutBlocks(train.Map(r => (BlockPartitioner.BlockOf(r.User, b), (r.User, BlockPartitioner.BlockOf(r.Item, b)))), blocks, options.Bug);
        var itemOut = OutBlocks(train.Map(r => (BlockPartitioner.BlockOf(r.Item, b), (r.Item, BlockPartitioner.BlockOf(r.User, b)))), blocks, options.Bug);

        Dataset<(int Key, FactorBlock Value)> itemFactors = itemIn
            .MapValues(ib => new FactorBlock(ib.Ids, [.. ib.Ids.Select(options.InitialFactor)])).Cache();
        Dataset<(int Key, FactorBlock Value)> userFactors = userIn.MapValues(ib => new FactorBlock(ib.Ids, [.. ib.Ids.Select(_ => new double[options.Rank])]));
        for (var iteration = 1; iteration <= options.Iterations; iteration++)
        {
            userFactors = Update(itemFactors, itemOut, userIn, blocks, options);
            itemFactors = Update(userFactors, userOut, itemIn, blocks, options);
            if (afterIteration is not null) afterIteration(iteration, Collect(mean, userFactors, itemFactors, options.Rank));
        }
        return Collect(mean, userFactors, itemFactors, options.Rank);
    }

    private static Dataset<(int Key, InBlock Value)> InBlocks(Dataset<(int, (int Id, int Other, double Rating))> keyed, BlockPartitioner blocks) =>
        keyed.GroupByKey(blocks).MapValues(members =>
        {
            var byId = members.GroupBy(m => m.Id).OrderBy(g => g.Key).ToArray();
            return new InBlock([.. byId.Select(g => g.Key)],
                [.. byId.Select(g => g.OrderBy(m => m.Other).Select(m => m.Other).ToArray())],
                [.. byId.Select(g => g.OrderBy(m => m.Other).Select(m => m.Rating).ToArray())]);
        }).Cache();

    private static Dataset<(int Key, OutBlock Value)> OutBlocks(Dataset<(int, (int Id, int Destination))> keyed, BlockPartitioner blocks, AlsBug bug) =>
        keyed.GroupByKey(blocks).MapValues(links =>
        {
            var byDestination = DestinationIds(links);
            if (bug == AlsBug.RoutingSkipsLastBlock) byDestination.Remove(blocks.NumPartitions - 1);
            return new OutBlock(byDestination);
        }).Cache();

    /// <summary>From (member, destination block) links: for every destination block, the members it needs.</summary>
    internal static Dictionary<int, int[]> DestinationIds(IEnumerable<(int Id, int Destination)> links)
    {
        #region Exercise 4.3-3b: for every destination block, the distinct ids it needs from this block, sorted (tests: BlockedAlsTests)
        return links.GroupBy(l => l.Destination).ToDictionary(g => g.Key, g => g.Select(l => l.Id).Distinct().Order().ToArray());
        #endregion
    }

    /// <summary>One half-iteration: ship the source factors each destination block needs (one shuffle), then solve every
    /// destination member's normal equations in its block.</summary>
    private static Dataset<(int Key, FactorBlock Value)> Update(Dataset<(int Key, FactorBlock Value)> sourceFactors, Dataset<(int Key, OutBlock Value)> sourceOut,
        Dataset<(int Key, InBlock Value)> destinationIn, BlockPartitioner blocks, AlsOptions options)
    {
        var messages = sourceFactors.Join(sourceOut, blocks) // co-partitioned: no shuffle
            .FlatMap(r => Messages(r.Value.Left, r.Value.Right))
            .GroupByKey(blocks);                             // the one shuffle of the half-iteration
        var updated = destinationIn.Join(messages, blocks)   // co-partitioned: no shuffle
            .MapValues(v => SolveBlock(v.Left, v.Right, options))
            .Cache();
        updated.Count(); // materialise this iteration, so the next one does not recompute the lineage
        return updated;
    }

    private static IEnumerable<(int Destination, (int[] Ids, double[] Factors, int Rank) Message)> Messages(FactorBlock factors, OutBlock outBlock)
    {
        var index = factors.Ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        foreach (var (destination, ids) in outBlock.IdsByDestination)
        {
            var rank = factors.Factors.Length > 0 ? factors.Factors[0].Length : 0;
            var flat = new double[ids.Length * rank];
            for (var k = 0; k < ids.Length; k++) Array.Copy(factors.Factors[index[ids[k]]], 0, flat, k * rank, rank);
            yield return (destination, (ids, flat, rank));
        }
    }

    internal static FactorBlock SolveBlock(InBlock block, IReadOnlyList<(int[] Ids, double[] Factors, int Rank)> messages, AlsOptions options)
    {
        var known = new Dictionary<int, double[]>();
        foreach (var (ids, flat, rank) in messages)
            for (var k = 0; k < ids.Length; k++) known[ids[k]] = flat[(k * rank)..((k + 1) * rank)];
        var result = new double[block.Ids.Length][];
        for (var m = 0; m < block.Ids.Length; m++)
        {
            var factors = new List<double[]>();
            var ratings = new List<double>();
            for (var j = 0; j < block.Rated[m].Length; j++)
            {
                if (!known.TryGetValue(block.Rated[m][j], out var f)) continue; // never shipped (only with the planted routing bug)
                factors.Add(f);
                ratings.Add(block.Ratings[m][j]);
            }
            result[m] = NormalEquations.Solve(factors, ratings, options.EffectiveLambda, options.Rank);
        }
        return new FactorBlock(block.Ids, result);
    }

    private static AlsModel Collect(double mean, Dataset<(int Key, FactorBlock Value)> users, Dataset<(int Key, FactorBlock Value)> items, int rank)
    {
        static Dictionary<int, double[]> Flatten(IEnumerable<(int, FactorBlock Block)> blocks) =>
            blocks.SelectMany(b => b.Block.Ids.Zip(b.Block.Factors)).ToDictionary(p => p.First, p => p.Second);
        return new AlsModel(mean, Flatten(users.Collect()), Flatten(items.Collect()), rank);
    }
}
