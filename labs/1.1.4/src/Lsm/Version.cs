namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// An immutable picture of the live tables. Level 0 holds flushed memtables, newest first, whose key
/// ranges may overlap; every deeper level holds tables with disjoint ranges, sorted by key. A change
/// (flush, compaction) builds a new Version; readers keep using the one they took.
/// </summary>
internal sealed class Version(IReadOnlyList<TableHandle>[] levels)
{
    public IReadOnlyList<TableHandle>[] Levels { get; } = levels;

    public static Version Empty(int levels) => new([.. Enumerable.Range(0, levels).Select(_ => (IReadOnlyList<TableHandle>)[])]);

    public IEnumerable<TableHandle> AllTables => Levels.SelectMany(l => l);

    public long LevelBytes(int level) => Levels[level].Sum(t => t.Meta.FileSize);

    public Version WithFlushed(TableHandle table)
    {
        var levels = (IReadOnlyList<TableHandle>[])Levels.Clone();
        levels[0] = [table, .. Levels[0]];
        return new Version(levels);
    }

    /// <summary>Removes the inputs and adds the outputs to <paramref name="outputLevel"/>, kept sorted by smallest key.</summary>
    public Version WithCompacted(IReadOnlyCollection<TableHandle> inputs, IReadOnlyList<TableHandle> outputs, int outputLevel)
    {
        var removed = inputs.Select(t => t.Meta.FileNumber).ToHashSet();
        var levels = new IReadOnlyList<TableHandle>[Levels.Length];
        for (var i = 0; i < Levels.Length; i++)
        {
            var kept = Levels[i].Where(t => !removed.Contains(t.Meta.FileNumber));
            if (i == outputLevel) kept = kept.Concat(outputs);
            levels[i] = i == 0 ? [.. kept] : [.. kept.OrderBy(t => t.Meta.Smallest, ByteArrayComparer.Instance)];
        }
        return new Version(levels);
    }

    public List<TableMeta> Metas() => [.. Levels.SelectMany((l, i) => l.Select(t => t.Meta with { Level = i }))];
}
