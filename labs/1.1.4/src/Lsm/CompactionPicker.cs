namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// Leveled compaction's choice of what to compact, a pure function of a <see cref="Version"/> and the options.
/// Each level gets a score: level 0 its table count over <see cref="LsmOptions.Level0CompactionTrigger"/> (too many
/// overlapping tables make every read probe them all), a deeper level n its bytes over its limit
/// (<see cref="LsmOptions.Level1MaxBytes"/> × <see cref="LsmOptions.LevelSizeMultiplier"/>ⁿ⁻¹). The level with the
/// highest score ≥ 1 is compacted (the deeper one on a tie); the last level never is.
/// </summary>
internal static class CompactionPicker
{
    /// <summary>The size limit of <paramref name="level"/> ≥ 1.</summary>
    public static long MaxBytesForLevel(LsmOptions options, int level)
    {
        var bytes = (double)options.Level1MaxBytes;
        for (var i = 1; i < level; i++) bytes *= options.LevelSizeMultiplier;
        return (long)Math.Min(bytes, long.MaxValue);
    }

    /// <summary>
    /// The compaction to run next, or null when every level is within its limit. Inputs: all of level 0 (its tables
    /// overlap), or one table of level n ≥ 1, the first one after the level's compact pointer (wrapping around to the
    /// first), so that successive compactions walk the key space round robin as in LevelDB. Next inputs: the tables
    /// of the level below whose key range overlaps the inputs' [smallest, largest].
    /// </summary>
    public static CompactionJob? Pick(Version version, LsmOptions options)
    {
        #region Exercise 1.1.4-1f: pick a leveled compaction: score each level, choose the inputs and the overlapping tables below (tests: CompactionPickerTests)
        var bestLevel = -1;
        var bestScore = 1.0;
        for (var level = 0; level < version.Levels.Length - 1; level++)
        {
            var score = level == 0
                ? (double)version.Levels[0].Count / options.Level0CompactionTrigger
                : (double)version.LevelBytes(level) / MaxBytesForLevel(options, level);
            if (score >= bestScore)
            {
                bestScore = score;
                bestLevel = level;
            }
        }
        if (bestLevel < 0) return null;
        List<TableHandle> inputs;
        if (bestLevel == 0) inputs = [.. version.Levels[0]];
        else
        {
            var pointer = version.CompactPointers[bestLevel];
            var tables = version.Levels[bestLevel];
            var next = pointer is null ? null : tables.FirstOrDefault(t => KeyComparer.Compare(t.Meta.Smallest, pointer) > 0);
            inputs = [next ?? tables[0]];
        }
        var smallest = inputs.Select(t => t.Meta.Smallest).Min(ByteArrayComparer.Instance)!;
        var largest = inputs.Select(t => t.Meta.Largest).Max(ByteArrayComparer.Instance)!;
        var below = version.Levels[bestLevel + 1].Where(t => t.Meta.Overlaps(smallest, largest)).ToList();
        return new CompactionJob(bestLevel, bestLevel + 1, inputs, below);
        #endregion
    }
}
