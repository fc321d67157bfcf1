namespace StatelessMind.Dataflow.Partitioning;

/// <summary>
/// A uniform sample of fixed size from a stream of unknown length, in one pass (reservoir sampling,
/// Vitter's Algorithm R): the first k items fill the reservoir; item i (counting from 1) then replaces a random
/// slot with probability k/i. Every item ends up in the sample with probability k/n.
/// </summary>
public static class ReservoirSampler
{
    /// <summary>Samples up to <paramref name="size"/> items; returns the sample and how many items were seen.</summary>
    public static (IReadOnlyList<T> Sample, long Seen) Sample<T>(IEnumerable<T> items, int size, Random random)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        #region Exercise 1.1.2-3a: fill the reservoir, then keep item i with probability k/i in a random slot (tests: ReservoirSamplerTests)
        var reservoir = new List<T>(size);
        long seen = 0;
        foreach (var item in items)
        {
            seen++;
            if (reservoir.Count < size)
            {
                reservoir.Add(item);
                continue;
            }
            var slot = random.NextInt64(seen);
            if (slot < size) reservoir[(int)slot] = item;
        }
        return (reservoir, seen);
        #endregion
    }
}
