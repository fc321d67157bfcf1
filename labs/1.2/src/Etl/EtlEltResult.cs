namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>Both pipelines on the same source, and their marts compared table by table.</summary>
public sealed record EtlEltResult(PipelineRun Etl, PipelineRun Elt, IReadOnlyList<TableComparison> Tables, long SourceRows)
{
    public bool AllEqual => Tables.Count > 0 && Tables.All(t => t.Equal && t.EtlRows > 0);
}
