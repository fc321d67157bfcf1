namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// An immutable picture of the live tables. Level 0 holds flushed memtables, newest first, whose key ranges may
/// overlap; every deeper level holds tables with disjoint ranges, sorted by key. A change (flush, compaction) builds
/// a new Version. Versions are reference-counted: the tree holds its current one, and every read holds the one it
/// started with until it ends; a version holds a reference on each of its tables.
/// <see cref="CompactPointers"/> remember, per level, where the last compaction of that level ended (round robin).
/// </summary>
internal sealed class Version
{
    private int _references = 1;

    public Version(IReadOnlyList<TableHandle>[] levels, byte[]?[]? compactPointers = null)
    {
        Levels = levels;
        CompactPointers = compactPointers ?? new byte[]?[levels.Length];
        foreach (var t in AllTables) t.Ref();
    }

    public IReadOnlyList<TableHandle>[] Levels { get; }
    public IReadOnlyList<byte[]?> CompactPointers { get; }

    public static Version Empty(int levels) => new([.. Enumerable.Range(0, levels).Select(_ => (IReadOnlyList<TableHandle>)[])]);

    public IEnumerable<TableHandle> AllTables => Levels.SelectMany(l => l);

    public long LevelBytes(int level) => Levels[level].Sum(t => t.Meta.FileSize);

    /// <summary>Takes a reference (the version and its tables stay open until the matching <see cref="Unref"/>).</summary>
    public void Ref() => Interlocked.Increment(ref _references);

    public void Unref()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left > 0) return;
        if (left < 0) throw new InvalidOperationException("version released more often than referenced");
        foreach (var t in AllTables) t.Unref();
    }

    public Version WithFlushed(TableHandle table)
    {
        var levels = (IReadOnlyList<TableHandle>[])Levels.Clone();
        levels[0] = [table, .. Levels[0]];
        return new Version(levels, [.. CompactPointers]);
    }

    /// <summary>Removes the inputs and adds the outputs to <paramref name="outputLevel"/>, kept sorted by smallest key;
    /// <paramref name="compactedLevel"/>'s pointer moves to <paramref name="pointer"/> when given.</summary>
    public Version WithCompacted(IReadOnlyCollection<TableHandle> inputs, IReadOnlyList<TableHandle> outputs, int outputLevel, int compactedLevel = -1, byte[]? pointer = null)
    {
        var removed = inputs.Select(t => t.Meta.FileNumber).ToHashSet();
        var levels = new IReadOnlyList<TableHandle>[Levels.Length];
        for (var i = 0; i < Levels.Length; i++)
        {
            var kept = Levels[i].Where(t => !removed.Contains(t.Meta.FileNumber));
            if (i == outputLevel) kept = kept.Concat(outputs);
            levels[i] = i == 0 ? [.. kept] : [.. kept.OrderBy(t => t.Meta.Smallest, ByteArrayComparer.Instance)];
        }
        var pointers = CompactPointers.ToArray();
        if (compactedLevel >= 0 && pointer is not null) pointers[compactedLevel] = pointer;
        return new Version(levels, pointers);
    }

    public List<TableMeta> Metas() => [.. Levels.SelectMany((l, i) => l.Select(t => t.Meta with { Level = i }))];
}
