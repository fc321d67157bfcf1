namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>
/// FP-growth (Han, Pei and Yin): no candidates at all. The baskets' frequent items, each basket's sorted by descending
/// support, are inserted into a prefix tree (the FP-tree) whose shared prefixes compress the data; then, for each
/// item from the least frequent up, its conditional pattern base (the paths that lead to it, weighted by its counts
/// there) is mined recursively as a smaller FP-tree, every pattern found getting the item appended.
/// </summary>
public static class FpGrowth
{
    public static FrequentItemsetResult Mine(IReadOnlyList<int[]> baskets, long minSupport)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSupport, 1);
        var result = new Dictionary<ItemSet, long>();
        MineTree(Tree.Build(baskets.Select(b => (b, 1L)), minSupport), [], minSupport, result);
        return new FrequentItemsetResult(result, baskets.Count, []);
    }

    private static void MineTree(Tree tree, List<int> suffix, long minSupport, Dictionary<ItemSet, long> result)
    {
        #region Exercise 4.3-1e: for each item, least frequent first, record suffix+item and mine its conditional tree (tests: FpGrowthTests)
        foreach (var item in tree.ItemsBySupport.AsEnumerable().Reverse())
        {
            var pattern = new List<int>(suffix) { item };
            result[ItemSet.Of(pattern)] = tree.Support[item];
            var conditional = new List<(int[] Path, long Count)>();
            for (var node = tree.Heads.GetValueOrDefault(item); node is not null; node = node.NextSameItem)
            {
                var path = new List<int>();
                for (var p = node.Parent; p is { Item: >= 0 }; p = p.Parent) path.Add(p.Item);
                if (path.Count > 0) conditional.Add(([.. path], node.Count));
            }
            var sub = Tree.Build(conditional, minSupport);
            if (sub.ItemsBySupport.Count > 0) MineTree(sub, pattern, minSupport, result);
        }
        #endregion
    }

    /// <summary>An FP-tree: a prefix tree of (weighted) item lists, with, per item, its total support and a linked
    /// list through every node of that item.</summary>
    internal sealed class Tree
    {
        public Node Root { get; } = new(-1, null);
        public Dictionary<int, long> Support { get; } = [];
        public Dictionary<int, Node> Heads { get; } = [];

        /// <summary>Frequent items, most frequent first (ties by item number).</summary>
        public List<int> ItemsBySupport { get; private set; } = [];

        public static Tree Build(IEnumerable<(int[] Items, long Count)> transactions, long minSupport)
        {
            var list = transactions.ToList();
            var tree = new Tree();
            #region Exercise 4.3-1d: count item supports, keep the frequent items, insert each transaction's frequent items in support order (tests: FpGrowthTests)
            var counts = new Dictionary<int, long>();
            foreach (var (items, count) in list)
                foreach (var i in items) counts[i] = counts.GetValueOrDefault(i) + count;
            foreach (var (i, c) in counts.Where(kv => kv.Value >= minSupport)) tree.Support[i] = c;
            tree.ItemsBySupport = [.. tree.Support.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key)];
            var rank = tree.ItemsBySupport.Select((item, r) => (item, r)).ToDictionary(x => x.item, x => x.r);
            foreach (var (items, count) in list)
            {
                var node = tree.Root;
                foreach (var item in items.Where(rank.ContainsKey).OrderBy(i => rank[i]))
                {
                    if (!node.Children.TryGetValue(item, out var child))
                    {
                        child = new Node(item, node) { NextSameItem = tree.Heads.GetValueOrDefault(item) };
                        tree.Heads[item] = child;
                        node.Children[item] = child;
                    }
                    child.Count += count;
                    node = child;
                }
            }
            #endregion
            return tree;
        }
    }

    internal sealed class Node(int item, Node? parent)
    {
        public int Item { get; } = item;
        public Node? Parent { get; } = parent;
        public long Count { get; set; }
        public Dictionary<int, Node> Children { get; } = [];
        public Node? NextSameItem { get; set; }
    }
}
