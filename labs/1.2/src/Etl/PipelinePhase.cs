namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>One phase of a pipeline run: its time and the bytes it moved on each link (source database, warehouse), both ways.</summary>
public sealed record PipelinePhase(string Name, TimeSpan Time, long SourceBytes, long WarehouseBytes)
{
    public long Bytes => SourceBytes + WarehouseBytes;
}
