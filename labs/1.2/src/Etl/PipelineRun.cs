namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>A measured run of ETL or ELT: its phases, the peak of this process's managed heap, the rows it wrote to the
/// warehouse, and (ELT) the dbt models it ran.</summary>
public sealed record PipelineRun(string Pipeline, IReadOnlyList<PipelinePhase> Phases, long PeakHeapBytes, long RowsWritten, IReadOnlyList<string>? Models = null)
{
    public TimeSpan Total => TimeSpan.FromTicks(Phases.Sum(p => p.Time.Ticks));

    public long BytesMoved => Phases.Sum(p => p.Bytes);
}
