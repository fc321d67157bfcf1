namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>Frequent itemsets with their support counts, the number of baskets, and (for Apriori) the passes.</summary>
public sealed record FrequentItemsetResult(IReadOnlyDictionary<ItemSet, long> Support, long Baskets, IReadOnlyList<PassStatistics> Passes)
{
    /// <summary>True if both found the same itemsets with the same supports.</summary>
    public bool SameItemsetsAs(FrequentItemsetResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Support.Count == other.Support.Count && Support.All(kv => other.Support.TryGetValue(kv.Key, out var s) && s == kv.Value);
    }
}
