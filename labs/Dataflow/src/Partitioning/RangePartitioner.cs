namespace StatelessMind.Dataflow.Partitioning;

/// <summary>
/// Splits the key space into contiguous ranges: partition i holds the keys in (bound[i-1], bound[i]], the last
/// one everything above the last bound. Output partitions are therefore sorted relative to each other, and a
/// range query only needs the partitions whose ranges overlap it. The bounds come from a weighted sample of the
/// keys (<see cref="FromWeightedSample"/>), as Spark's RangePartitioner computes them.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class RangePartitioner<TKey> : Partitioner<TKey> where TKey : notnull
{
    private readonly TKey[] _bounds;
    private readonly IComparer<TKey> _comparer;
    private readonly DataflowBug _bug;

    /// <param name="upperBounds">Strictly increasing upper bounds of all partitions but the last.</param>
    /// <param name="comparer">The key order (default: the type's own).</param>
    /// <param name="bug">A planted mistake, for the tests that prove the checks catch it.</param>
    public RangePartitioner(IReadOnlyList<TKey> upperBounds, IComparer<TKey>? comparer = null, DataflowBug bug = DataflowBug.None)
        : base((upperBounds ?? throw new ArgumentNullException(nameof(upperBounds))).Count + 1)
    {
        _comparer = comparer ?? Comparer<TKey>.Default;
        _bounds = [.. upperBounds];
        for (var i = 1; i < _bounds.Length; i++)
            if (_comparer.Compare(_bounds[i - 1], _bounds[i]) >= 0)
                throw new ArgumentException($"Range bounds must increase strictly; bound {i - 1} ({_bounds[i - 1]}) is not below bound {i} ({_bounds[i]}).", nameof(upperBounds));
        _bug = bug;
    }

    public IReadOnlyList<TKey> Bounds => _bounds;

    public IComparer<TKey> Comparer => _comparer;

    public override int GetPartition(TKey key)
    {
        var index = Array.BinarySearch(_bounds, key, _comparer);
        var partition = index >= 0 ? index : ~index; // the first bound >= key; past the end: the last partition
        if (_bug == DataflowBug.RangePartitionerWrapsTopRange && partition == _bounds.Length) return 0;
        return partition;
    }

    /// <summary>The partitions a query for keys in [low, high] must read; the others are pruned.</summary>
    public (int First, int Last) PartitionsFor(TKey low, TKey high)
    {
        if (_comparer.Compare(low, high) > 0) throw new ArgumentException($"An empty range: {low} > {high}.", nameof(low));
        return (GetPartition(low), GetPartition(high));
    }

    public override bool SamePartitioningAs(Partitioner<TKey> other) =>
        other is RangePartitioner<TKey> r && r._bounds.Length == _bounds.Length &&
        _bounds.Zip(r._bounds).All(p => _comparer.Compare(p.First, p.Second) == 0);

    public override string ToString() => $"range({NumPartitions})";

    /// <summary>
    /// Bounds for <paramref name="partitions"/> ranges of equal weight from sampled keys, each weighted by how many
    /// keys it stands for (its partition's size over its partition's sample size). Walks the sorted candidates,
    /// accumulating weight, and closes a range each time the running weight passes the next multiple of
    /// total/partitions. A key equal to the previous bound cannot close a range, so a heavy key makes fewer ranges.
    /// </summary>
    public static RangePartitioner<TKey> FromWeightedSample(IEnumerable<(TKey Key, double Weight)> candidates, int partitions,
        IComparer<TKey>? comparer = null, DataflowBug bug = DataflowBug.None)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var order = comparer ?? Comparer<TKey>.Default;
        return new RangePartitioner<TKey>(DetermineBounds([.. candidates], partitions, order), order, bug);
    }

    internal static List<TKey> DetermineBounds(List<(TKey Key, double Weight)> candidates, int partitions, IComparer<TKey> order)
    {
        #region Exercise 1.1.2-3b: choose range bounds of equal sampled weight, skipping duplicate keys (tests: RangePartitionerTests.Bounds*, RangePartitionerTests.Weights*, RangePartitionerTests.A_heavy*, RangePartitionerTests.Sketching*, RangePartitionerTests.Planted*)
        candidates.Sort((a, b) => order.Compare(a.Key, b.Key));
        var total = candidates.Sum(c => c.Weight);
        var step = total / partitions;
        var bounds = new List<TKey>(partitions - 1);
        var cumulative = 0.0;
        var target = step;
        foreach (var (key, weight) in candidates)
        {
            if (bounds.Count == partitions - 1) break;
            cumulative += weight;
            if (cumulative < target) continue;
            if (bounds.Count > 0 && order.Compare(key, bounds[^1]) <= 0) continue; // a repeated key cannot close a range
            bounds.Add(key);
            target += step;
        }
        return bounds;
        #endregion
    }
}
