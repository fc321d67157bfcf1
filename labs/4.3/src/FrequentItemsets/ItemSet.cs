using StatelessMind.Dataflow.Shuffle;

namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>A set of items, kept as a sorted array with value equality (so it can be a dictionary or shuffle key).</summary>
public readonly struct ItemSet : IEquatable<ItemSet>, IComparable<ItemSet>
{
    private readonly int[] _items;

    /// <summary>From items that are already sorted and distinct.</summary>
    private ItemSet(int[] sortedItems) => _items = sortedItems;

    public static ItemSet Of(params IEnumerable<int> items) => new([.. (items ?? throw new ArgumentNullException(nameof(items))).Distinct().Order()]);

    internal static ItemSet FromSorted(int[] sortedItems) => new(sortedItems);

    public IReadOnlyList<int> Items => _items ?? [];
    public int Count => _items?.Length ?? 0;
    public int this[int index] => _items[index];

    /// <summary>True if every item of this set is in the sorted basket (a merge walk).</summary>
    public bool IsSubsetOf(int[] sortedBasket)
    {
        ArgumentNullException.ThrowIfNull(sortedBasket);
        int i = 0, j = 0;
        while (i < Count && j < sortedBasket.Length)
        {
            if (_items[i] == sortedBasket[j]) i++;
            else if (_items[i] < sortedBasket[j]) return false;
            j++;
        }
        return i == Count;
    }

    /// <summary>This set without the item at <paramref name="index"/>.</summary>
    public ItemSet Without(int index) => new([.. _items.Take(index), .. _items.Skip(index + 1)]);

    public ItemSet Union(ItemSet other) => Of([.. Items, .. other.Items]);

    public ItemSet Except(ItemSet other) => new([.. Items.Except(other.Items)]);

    public bool Equals(ItemSet other) => Items.SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is ItemSet other && Equals(other);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var i in Items) h.Add(i);
        return h.ToHashCode();
    }

    public int CompareTo(ItemSet other)
    {
        for (var i = 0; i < Math.Min(Count, other.Count); i++)
            if (_items[i] != other._items[i]) return _items[i].CompareTo(other._items[i]);
        return Count.CompareTo(other.Count);
    }

    public static bool operator ==(ItemSet a, ItemSet b) => a.Equals(b);
    public static bool operator !=(ItemSet a, ItemSet b) => !a.Equals(b);
    public static bool operator <(ItemSet a, ItemSet b) => a.CompareTo(b) < 0;
    public static bool operator >(ItemSet a, ItemSet b) => a.CompareTo(b) > 0;
    public static bool operator <=(ItemSet a, ItemSet b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ItemSet a, ItemSet b) => a.CompareTo(b) >= 0;

    public override string ToString() => "{" + string.Join(",", Items) + "}";

    /// <summary>Lets item sets cross the shuffle.</summary>
    internal static void RegisterCodec() => RecordCodecs.Register(new Codec());

    private sealed class Codec : IRecordCodec<ItemSet>
    {
        private readonly IRecordCodec<int[]> _array = RecordCodecs.For<int[]>();
        public void Write(RecordWriter writer, ItemSet value) => _array.Write(writer, value._items ?? []);
        public ItemSet Read(RecordReader reader) => new(_array.Read(reader));
        public int EstimateHeapBytes(ItemSet value) => 24 + 4 * value.Count;
    }
}
