using System.Collections.Immutable;

namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>
/// A version vector: for each coordinator node, how many writes through it this version has seen. A write through node
/// n takes the clock its client read (the context) and increments n's entry, so a write made after reading another one
/// descends from it, and two writes made without seeing each other are concurrent (Dynamo, §4.4).
/// </summary>
public sealed class VectorClock
{
    public static VectorClock Empty { get; } = new(ImmutableSortedDictionary<int, long>.Empty);

    private VectorClock(ImmutableSortedDictionary<int, long> counters) => Counters = counters;

    /// <summary>Node → writes through it; absent means 0.</summary>
    public ImmutableSortedDictionary<int, long> Counters { get; }

    public static VectorClock Of(params (int Node, long Count)[] counters) =>
        new(counters.Where(c => c.Count > 0).ToImmutableSortedDictionary(c => c.Node, c => c.Count));

    public long this[int node] => Counters.GetValueOrDefault(node);

    /// <summary>The clock of a write through <paramref name="node"/> made with this clock as its context.</summary>
    public VectorClock Increment(int node) => With(node, this[node] + 1);

    /// <summary>This clock with <paramref name="node"/>'s entry set to <paramref name="count"/>.</summary>
    public VectorClock With(int node, long count) => new(Counters.SetItem(node, count));

    /// <summary>The least clock that has seen everything both have seen (the context of a client that read both).</summary>
    public VectorClock Merge(VectorClock other) =>
        new(Counters.Keys.Union(other.Counters.Keys).ToImmutableSortedDictionary(n => n, n => Math.Max(this[n], other[n])));

    /// <summary>
    /// <see cref="ClockOrder.Before"/> when every entry of this clock is at most the other's and one is smaller;
    /// <see cref="ClockOrder.After"/> the other way round; <see cref="ClockOrder.Equal"/> when all entries are equal;
    /// otherwise <see cref="ClockOrder.Concurrent"/>. Missing entries count as 0.
    /// </summary>
    public ClockOrder Compare(VectorClock other)
    {
        #region Exercise 4.1-2c: compare two vector clocks: before, after, equal or concurrent (tests: VectorClockTests, ConflictingWritesTests)
        bool anySmaller = false, anyLarger = false;
        foreach (var node in Counters.Keys.Union(other.Counters.Keys))
        {
            if (this[node] < other[node]) anySmaller = true;
            else if (this[node] > other[node]) anyLarger = true;
        }
        return (anySmaller, anyLarger) switch
        {
            (false, false) => ClockOrder.Equal,
            (true, false) => ClockOrder.Before,
            (false, true) => ClockOrder.After,
            _ => ClockOrder.Concurrent,
        };
        #endregion
    }

    public override string ToString() => "[" + string.Join(",", Counters.Select(c => $"n{c.Key}:{c.Value}")) + "]";
}
