namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>
/// The partition sizes of a range repartitioning (empty partitions left out). Range partitioning draws its bounds from a
/// sample, so two runs (here and on Spark) need not cut at the same keys; what must hold on both is the property:
/// partitions in key order do not overlap, and together they hold every record once.
/// </summary>
public sealed record RangePartitionReport(IReadOnlyList<RangePartitionSize> Partitions)
{
    public long Records => Partitions.Sum(p => p.Records);

    /// <summary>Each partition's keys lie above the previous partition's, in partition order.</summary>
    public bool OrderedAndDisjoint =>
        Partitions.Zip(Partitions.Skip(1)).All(x => x.First.Partition < x.Second.Partition && x.First.High < x.Second.Low)
        && Partitions.All(p => p.Low <= p.High);

    /// <summary>The largest partition over the mean partition (1 is perfectly even).</summary>
    public double MaxOverMean(int partitions) => Partitions.Count == 0 ? 0 : Partitions.Max(p => p.Records) / ((double)Records / partitions);

    /// <summary>How many of <paramref name="keys"/> fall in each partition's key range — the sizes these bounds imply for the input.</summary>
    public IReadOnlyList<long> RecountWithin(IEnumerable<int> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var counts = new long[Partitions.Count];
        var highs = Partitions.Select(p => p.High).ToArray();
        foreach (var key in keys)
        {
            var i = Array.BinarySearch(highs, key);
            var partition = i >= 0 ? i : ~i;
            if (partition < counts.Length) counts[partition]++;
        }
        return counts;
    }

    public override string ToString() => string.Join(", ", Partitions.Select(p => $"{p.Partition}: {p.Records} [{p.Low}..{p.High}]"));
}
