namespace StatelessMind.Labs.Storage.Indexing;

/// <summary>What EXPLAIN (ANALYZE, BUFFERS) and the measurements found for one case.</summary>
public sealed record IndexingCaseResult(
    IndexingCase Case,
    IReadOnlyList<PlanNode> Plan,
    double ExecutionMs,
    long SharedHitBlocks,
    long SharedReadBlocks,
    string ResultDigest,
    long ResultRows,
    double BaselineExecutionMs,
    long BaselineBuffers,
    string BaselineDigest,
    string BaselineTopNode,
    long IndexBytes,
    double BuildMs,
    double InsertMicrosecondsPerRow,
    double InsertWalBytesPerRow,
    double BaselineInsertMicrosecondsPerRow,
    double BaselineInsertWalBytesPerRow,
    long HeapFetches)
{
    public long Buffers => SharedHitBlocks + SharedReadBlocks;

    /// <summary>The plan used the case's index through one of the expected node types (or, for a full-scan case,
    /// read the whole table or at least 90% of the index's pages).</summary>
    public bool UsesExpectedNode => Case.ExpectsFullScan
        ? Plan.Any(n => n.NodeType is "Seq Scan" or "Parallel Seq Scan") || Buffers >= 0.9 * IndexBytes / 8192
        : Plan.Any(n => Case.ExpectedNodes.Contains(n.NodeType) && (Case.IndexName is null || n.IndexName == Case.IndexName));

    public bool SameResultAsBaseline => ResultDigest == BaselineDigest;

    public string NodeSummary => string.Join(" → ", Plan.Select(n => n.IndexName is null ? n.NodeType : $"{n.NodeType} ({n.IndexName})"));
}
