namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>One compaction: merge <see cref="Inputs"/> (from <see cref="Level"/>) with <see cref="NextInputs"/> (the
/// tables of <see cref="OutputLevel"/> they overlap) into new tables at <see cref="OutputLevel"/>.</summary>
internal sealed record CompactionJob(int Level, int OutputLevel, IReadOnlyList<TableHandle> Inputs, IReadOnlyList<TableHandle> NextInputs, bool Manual = false)
{
    public IEnumerable<TableHandle> AllInputs => Inputs.Concat(NextInputs);
}
