namespace StatelessMind.Labs.Storage.Indexing;

/// <summary>
/// One indexing strategy: the index to build (null: none), a query it should serve, the plan node the planner
/// is expected to choose with it, and whether to VACUUM first (index-only scans need the visibility map).
/// <paramref name="ExpectsFullScan"/>: the index cannot be descended for this query (e.g. only its second column is
/// constrained), so the planner must read all of the table or all of the index.
/// </summary>
public sealed record IndexingCase(
    string Name,
    string Strategy,
    string? CreateIndexSql,
    string? IndexName,
    string Query,
    IReadOnlyList<string> ExpectedNodes,
    bool VacuumFirst = false,
    string? RequiresExtension = null,
    bool ExpectsFullScan = false);
