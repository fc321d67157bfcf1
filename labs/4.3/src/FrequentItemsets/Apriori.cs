using System.Diagnostics;
using StatelessMind.Dataflow;

namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>
/// Apriori on partitioned baskets (Agrawal and Srikant): pass 1 counts single items; pass k joins the frequent
/// (k−1)-itemsets that share their first k−2 items into candidates, prunes every candidate with an infrequent
/// (k−1)-subset (downward closure: a superset of an infrequent set is infrequent), then counts the candidates in
/// every partition of the baskets and adds the partial counts up through a shuffle. It stops when a pass finds
/// nothing frequent.
/// </summary>
public static class Apriori
{
    static Apriori() => ItemSet.RegisterCodec();

    public static FrequentItemsetResult Run(Dataset<int[]> baskets, long minSupport, int maxLength = int.MaxValue, AprioriBug bug = AprioriBug.None)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSupport, 1);
        baskets = baskets.Map(b => b.Distinct().Order().ToArray()); // the counting below walks sorted baskets
        var total = baskets.Count();
        var support = new Dictionary<ItemSet, long>();
        var passes = new List<PassStatistics>();
        var start = Stopwatch.GetTimestamp();
        var singles = baskets.FlatMap(b => b).Map(i => (i, 1L)).ReduceByKey((a, b) => a + b).Collect();
        var frequent = singles.Where(s => Frequent(s.Value, minSupport, bug)).ToDictionary(s => ItemSet.Of(s.Key), s => s.Value);
        passes.Add(new PassStatistics(1, singles.Count, singles.Count, frequent.Count, Stopwatch.GetElapsedTime(start)));
        for (var k = 2; frequent.Count > 0 && k <= maxLength; k++)
        {
            foreach (var (set, count) in frequent) support[set] = count;
            start = Stopwatch.GetTimestamp();
            var previous = frequent.Keys.ToHashSet();
            var joined = Join(previous, k);
            var candidates = bug == AprioriBug.NoSubsetPruning ? joined : Prune(joined, previous);
            if (candidates.Count == 0)
            {
                passes.Add(new PassStatistics(k, joined.Count, 0, 0, Stopwatch.GetElapsedTime(start)));
                frequent = [];
                break;
            }
            var counts = baskets.MapPartitions(part => CountInPartition(part, candidates, k)).ReduceByKey((a, b) => a + b).Collect();
            frequent = counts.Where(c => Frequent(c.Value, minSupport, bug)).ToDictionary(c => c.Key, c => c.Value);
            passes.Add(new PassStatistics(k, joined.Count, candidates.Count, frequent.Count, Stopwatch.GetElapsedTime(start)));
        }
        foreach (var (set, count) in frequent) support[set] = count;
        return new FrequentItemsetResult(support, total, passes);
    }

    private static bool Frequent(long count, long minSupport, AprioriBug bug) =>
        bug == AprioriBug.StrictSupportThreshold ? count > minSupport : count >= minSupport;

    /// <summary>The join step: two frequent (k−1)-itemsets that agree on their first k−2 items make a k-candidate.</summary>
    public static List<ItemSet> Join(IReadOnlyCollection<ItemSet> previous, int k)
    {
        ArgumentNullException.ThrowIfNull(previous);
        #region Exercise 4.3-1a: join the (k−1)-itemsets sharing their first k−2 items, in order, into k-candidates (tests: AprioriTests.The_join_pairs_sets_sharing_all_but_their_last_item_and_pruning_drops_those_with_an_infrequent_subset, AprioriTests.Counting_in_a_partition_matches_counting_subsets_by_hand, AprioriTests.Apriori_on_partitioned_baskets_finds_what_brute_force_finds, AprioriTests.Planted_bugs_a_strict_threshold_and_no_pruning_are_caught)
        var sorted = previous.Order().ToList();
        var candidates = new List<ItemSet>();
        for (var i = 0; i < sorted.Count; i++)
        {
            for (var j = i + 1; j < sorted.Count; j++)
            {
                var (a, b) = (sorted[i], sorted[j]);
                var samePrefix = true;
                for (var t = 0; t < k - 2 && samePrefix; t++) samePrefix = a[t] == b[t];
                if (!samePrefix) break; // sorted: no later set shares the prefix either
                candidates.Add(ItemSet.FromSorted([.. a.Items, b[k - 2]]));
            }
        }
        return candidates;
        #endregion
    }

    /// <summary>The prune step: a candidate survives only if each of its (k−1)-subsets is frequent.</summary>
    public static List<ItemSet> Prune(IReadOnlyList<ItemSet> candidates, IReadOnlySet<ItemSet> previous)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(previous);
        #region Exercise 4.3-1a: keep a candidate only if every subset one item smaller is frequent (tests: AprioriTests.The_join_pairs_sets_sharing_all_but_their_last_item_and_pruning_drops_those_with_an_infrequent_subset, AprioriTests.Counting_in_a_partition_matches_counting_subsets_by_hand, AprioriTests.Apriori_on_partitioned_baskets_finds_what_brute_force_finds, AprioriTests.Planted_bugs_a_strict_threshold_and_no_pruning_are_caught)
        return [.. candidates.Where(c => Enumerable.Range(0, c.Count).All(i => previous.Contains(c.Without(i))))];
        #endregion
    }

    /// <summary>Support counting in one partition: how many of its baskets contain each candidate.</summary>
    public static IEnumerable<(ItemSet Set, long Count)> CountInPartition(IEnumerable<int[]> baskets, IReadOnlyList<ItemSet> candidates, int k)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        ArgumentNullException.ThrowIfNull(candidates);
        #region Exercise 4.3-1b: count each candidate in this partition's baskets, enumerating a basket's k-subsets when that is cheaper (tests: AprioriTests.The_join_pairs_sets_sharing_all_but_their_last_item_and_pruning_drops_those_with_an_infrequent_subset, AprioriTests.Counting_in_a_partition_matches_counting_subsets_by_hand, AprioriTests.Apriori_on_partitioned_baskets_finds_what_brute_force_finds, AprioriTests.Planted_bugs_a_strict_threshold_and_no_pruning_are_caught)
        var index = candidates.ToDictionary(c => c, _ => 0L);
        foreach (var basket in baskets)
        {
            if (basket.Length < k) continue;
            if (Binomial(basket.Length, k) <= index.Count)
            {
                foreach (var subset in Subsets(basket, k))
                    if (index.TryGetValue(subset, out var n)) index[subset] = n + 1;
            }
            else
            {
                foreach (var c in candidates)
                    if (c.IsSubsetOf(basket)) index[c]++;
            }
        }
        return index.Where(kv => kv.Value > 0).Select(kv => (kv.Key, kv.Value));
        #endregion
    }

    /// <summary>Every k-subset of a sorted basket, in order.</summary>
    internal static IEnumerable<ItemSet> Subsets(int[] basket, int k)
    {
        var chosen = new int[k];
        IEnumerable<ItemSet> From(int start, int depth)
        {
            if (depth == k)
            {
                yield return ItemSet.FromSorted([.. chosen]);
                yield break;
            }
            for (var i = start; i <= basket.Length - (k - depth); i++)
            {
                chosen[depth] = basket[i];
                foreach (var s in From(i + 1, depth + 1)) yield return s;
            }
        }
        return From(0, 0);
    }

    internal static double Binomial(int n, int k)
    {
        double r = 1;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}
