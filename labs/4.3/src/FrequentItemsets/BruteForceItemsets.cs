namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>The reference for small data: every subset of every basket counted, no cleverness at all.</summary>
public static class BruteForceItemsets
{
    /// <summary>Frequent itemsets by enumerating all 2^|basket| subsets of each basket (baskets of at most 20 items).</summary>
    public static FrequentItemsetResult Find(IReadOnlyList<int[]> baskets, long minSupport)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        var counts = new Dictionary<ItemSet, long>();
        foreach (var unsorted in baskets)
        {
            var basket = unsorted.Distinct().Order().ToArray();
            if (basket.Length > 20) throw new ArgumentException($"Brute force is for small baskets; one has {basket.Length} items.", nameof(baskets));
            for (var mask = 1; mask < 1 << basket.Length; mask++)
            {
                var set = ItemSet.FromSorted([.. Enumerable.Range(0, basket.Length).Where(i => (mask & (1 << i)) != 0).Select(i => basket[i])]);
                counts[set] = counts.GetValueOrDefault(set) + 1;
            }
        }
        return new FrequentItemsetResult(counts.Where(kv => kv.Value >= minSupport).ToDictionary(), baskets.Count, []);
    }

    /// <summary>The k-itemsets all of whose (k−1)-subsets are frequent: what Apriori's pruned candidates must be.</summary>
    public static IReadOnlySet<ItemSet> CandidatesOfSize(FrequentItemsetResult frequent, int k)
    {
        ArgumentNullException.ThrowIfNull(frequent);
        var items = frequent.Support.Keys.Where(s => s.Count == 1).Select(s => s[0]).Order().ToArray();
        var previous = frequent.Support.Keys.Where(s => s.Count == k - 1).ToHashSet();
        return Apriori.Subsets(items, k).Where(c => Enumerable.Range(0, k).All(i => previous.Contains(c.Without(i)))).ToHashSet();
    }
}
