namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>What the generator wrote: how many data rows, and which line got which kind of dirt (the ground truth a load is checked against).</summary>
public sealed record DirtyCsvManifest(string Path, long DataRows, IReadOnlyDictionary<long, RejectKind> DirtyLines)
{
    public long CleanRows => DataRows - DirtyLines.Count;

    public int Count(RejectKind kind) => DirtyLines.Values.Count(k => k == kind);
}
